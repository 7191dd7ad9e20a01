-- CreateEnum
CREATE TYPE "ShiftPattern" AS ENUM ('day', 'two_shifts', 'three_shifts', 'flexible');

-- CreateEnum
CREATE TYPE "ContractType" AS ENUM ('labour_contract', 'labour_dispatch', 'part_time', 'seasonal', 'piecework');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('invited', 'applied', 'viewed', 'interview', 'offered', 'hired', 'started', 'left', 'rejected', 'withdrawn');

-- CreateEnum
CREATE TYPE "ApplicationOrigin" AS ENUM ('self', 'officer', 'invitation');

-- CreateEnum
CREATE TYPE "SubsidyDecisionStatus" AS ENUM ('approved', 'rejected');

-- AlterTable
ALTER TABLE "Employer" ADD COLUMN     "description" TEXT,
ADD COLUMN     "employeeCount" INTEGER,
ADD COLUMN     "registeredById" TEXT,
ADD COLUMN     "verificationNote" TEXT,
ADD COLUMN     "verifiedById" TEXT;

-- AlterTable
ALTER TABLE "Vacancy" ADD COLUMN     "contractType" "ContractType" NOT NULL DEFAULT 'labour_contract',
ADD COLUMN     "disabilityFriendly" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "educationMin" "EducationLevel",
ADD COLUMN     "preferredSkillCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "publicWelfarePost" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "shiftPattern" "ShiftPattern" NOT NULL DEFAULT 'day',
ADD COLUMN     "startDate" DATE,
ADD COLUMN     "travelSupport" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "workingHours" TEXT;

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL,
    "labourerId" TEXT NOT NULL,
    "vacancyId" TEXT NOT NULL,
    "status" "ApplicationStatus" NOT NULL,
    "origin" "ApplicationOrigin" NOT NULL,
    "interviewAt" TIMESTAMP(3),
    "interviewPlace" TEXT,
    "offeredWage" INTEGER,
    "hiredAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "leftAt" TIMESTAMP(3),
    "leftReason" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationTransition" (
    "id" BIGSERIAL NOT NULL,
    "applicationId" TEXT NOT NULL,
    "fromStatus" "ApplicationStatus",
    "toStatus" "ApplicationStatus" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "byId" TEXT,
    "note" TEXT,

    CONSTRAINT "ApplicationTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubsidyDecision" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "employerId" TEXT NOT NULL,
    "labourerId" TEXT NOT NULL,
    "status" "SubsidyDecisionStatus" NOT NULL,
    "amount" INTEGER NOT NULL,
    "qualifyingMonths" INTEGER NOT NULL,
    "note" TEXT,
    "decidedById" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubsidyDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Application_vacancyId_status_idx" ON "Application"("vacancyId", "status");

-- CreateIndex
CREATE INDEX "Application_status_startedAt_idx" ON "Application"("status", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Application_labourerId_vacancyId_key" ON "Application"("labourerId", "vacancyId");

-- CreateIndex
CREATE INDEX "ApplicationTransition_applicationId_at_idx" ON "ApplicationTransition"("applicationId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyDecision_applicationId_key" ON "SubsidyDecision"("applicationId");

-- CreateIndex
CREATE INDEX "SubsidyDecision_employerId_idx" ON "SubsidyDecision"("employerId");

-- CreateIndex
CREATE INDEX "Vacancy_status_expiresAt_idx" ON "Vacancy"("status", "expiresAt");

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_labourerId_fkey" FOREIGN KEY ("labourerId") REFERENCES "Labourer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_vacancyId_fkey" FOREIGN KEY ("vacancyId") REFERENCES "Vacancy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationTransition" ADD CONSTRAINT "ApplicationTransition_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubsidyDecision" ADD CONSTRAINT "SubsidyDecision_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;
