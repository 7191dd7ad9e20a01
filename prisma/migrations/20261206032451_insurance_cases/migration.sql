-- CreateEnum
CREATE TYPE "InsuranceCaseKind" AS ENUM ('uninsured', 'pension_60_plus', 'government_paid', 'home_visit', 'missing_papers', 'unemployment_insurance', 'work_injury');

-- CreateEnum
CREATE TYPE "InsuranceVisitNeed" AS ENUM ('mobility_impairment', 'mental_disability');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'insurance_case';

-- CreateTable
CREATE TABLE "InsuranceCase" (
    "id" TEXT NOT NULL,
    "kind" "InsuranceCaseKind" NOT NULL,
    "labourerId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "openKey" TEXT,
    "assignedToId" TEXT,
    "dueOn" DATE,
    "source" TEXT NOT NULL,
    "findingId" BIGINT,
    "lastTransitionAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "remindedOn" DATE,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "InsuranceCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InsuranceCaseTransition" (
    "id" BIGSERIAL NOT NULL,
    "caseId" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InsuranceCaseTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InsuranceStanding" (
    "labourerId" TEXT NOT NULL,
    "receivingBenefitSince" DATE,
    "governmentPaidGrade" INTEGER,
    "visitNeed" "InsuranceVisitNeed",
    "missingPapers" BOOLEAN NOT NULL DEFAULT false,
    "workInjuryInsured" BOOLEAN,
    "unemploymentBenefit" BOOLEAN,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InsuranceStanding_pkey" PRIMARY KEY ("labourerId")
);

-- CreateIndex
CREATE UNIQUE INDEX "InsuranceCase_openKey_key" ON "InsuranceCase"("openKey");

-- CreateIndex
CREATE INDEX "InsuranceCase_regionCode_kind_state_idx" ON "InsuranceCase"("regionCode", "kind", "state");

-- CreateIndex
CREATE INDEX "InsuranceCase_labourerId_idx" ON "InsuranceCase"("labourerId");

-- CreateIndex
CREATE INDEX "InsuranceCaseTransition_caseId_at_idx" ON "InsuranceCaseTransition"("caseId", "at");

-- AddForeignKey
ALTER TABLE "InsuranceCaseTransition" ADD CONSTRAINT "InsuranceCaseTransition_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "InsuranceCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;
