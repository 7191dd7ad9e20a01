-- CreateEnum
CREATE TYPE "TrainingTargetKind" AS ENUM ('upgrading_trainings', 'people_trained', 'people_certified');

-- AlterTable
ALTER TABLE "SubsidyClaim" ADD COLUMN     "level" TEXT,
ADD COLUMN     "levelPriced" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "SubsidyProgrammeSetting" ADD COLUMN     "levelAmounts" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "TrainingTarget" (
    "id" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" "TrainingTargetKind" NOT NULL,
    "value" INTEGER NOT NULL,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingTarget_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrainingTarget_year_kind_idx" ON "TrainingTarget"("year", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingTarget_regionCode_year_kind_key" ON "TrainingTarget"("regionCode", "year", "kind");
