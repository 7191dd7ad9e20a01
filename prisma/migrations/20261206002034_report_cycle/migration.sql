-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('draft', 'submitted', 'returned', 'accepted');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'report_filing';

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "cycleKey" TEXT,
ADD COLUMN     "decidedAt" TIMESTAMP(3),
ADD COLUMN     "decidedById" TEXT,
ADD COLUMN     "dueOn" DATE,
ADD COLUMN     "group" TEXT,
ADD COLUMN     "quarter" INTEGER,
ADD COLUMN     "returnReason" TEXT,
ADD COLUMN     "status" "ReportStatus" NOT NULL DEFAULT 'draft',
ADD COLUMN     "submittedAt" TIMESTAMP(3),
ADD COLUMN     "submittedById" TEXT,
ADD COLUMN     "year" INTEGER;

-- CreateTable
CREATE TABLE "ReportStep" (
    "id" BIGSERIAL NOT NULL,
    "reportId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT,
    "figures" JSONB,

    CONSTRAINT "ReportStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportReminder" (
    "cycle" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "recipients" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportReminder_pkey" PRIMARY KEY ("cycle","regionCode")
);

-- CreateIndex
CREATE INDEX "ReportStep_reportId_at_idx" ON "ReportStep"("reportId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Report_cycleKey_key" ON "Report"("cycleKey");

-- AddForeignKey
ALTER TABLE "ReportStep" ADD CONSTRAINT "ReportStep_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
