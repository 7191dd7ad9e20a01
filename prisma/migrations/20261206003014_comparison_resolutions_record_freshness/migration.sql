-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('open', 'applied', 'dismissed');

-- AlterTable
ALTER TABLE "ComparisonFinding" ADD COLUMN     "personKey" TEXT,
ADD COLUMN     "resolution" TEXT,
ADD COLUMN     "resolvedAt" TIMESTAMP(3),
ADD COLUMN     "resolvedById" TEXT,
ADD COLUMN     "status" "FindingStatus" NOT NULL DEFAULT 'open';

-- AlterTable
ALTER TABLE "Labourer" ADD COLUMN     "contactedAt" TIMESTAMP(3),
ADD COLUMN     "verifiedAt" TIMESTAMP(3),
ADD COLUMN     "verifiedById" TEXT;

-- CreateTable
CREATE TABLE "ComparisonDismissal" (
    "personKey" TEXT NOT NULL,
    "kind" "FindingKind" NOT NULL,
    "reason" TEXT NOT NULL,
    "dismissedById" TEXT NOT NULL,
    "dismissedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "findingId" BIGINT NOT NULL,

    CONSTRAINT "ComparisonDismissal_pkey" PRIMARY KEY ("personKey","kind")
);
