-- CreateEnum
CREATE TYPE "SubsidyKind" AS ENUM ('hiring', 'workshop_award', 'startup_support', 'public_welfare_post', 'public_welfare_insurance', 'employment_service', 'graduate_job_seeking', 'training', 'appraisal');

-- CreateEnum
CREATE TYPE "SubsidyClaimant" AS ENUM ('employer', 'person', 'training_provider', 'employment_service');

-- CreateEnum
CREATE TYPE "SubsidyAmountBasis" AS ENUM ('fixed', 'per_person', 'per_month');

-- CreateEnum
CREATE TYPE "SubsidyClaimStatus" AS ENUM ('draft', 'submitted', 'checked', 'approved', 'rejected', 'paid');

-- CreateTable
CREATE TABLE "SubsidyProgramme" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "SubsidyKind" NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "claimant" "SubsidyClaimant" NOT NULL,
    "eligibilityRule" TEXT NOT NULL,
    "amountBasis" "SubsidyAmountBasis" NOT NULL,
    "evidence" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "clause" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubsidyProgramme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubsidyProgrammeSetting" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "amount" INTEGER NOT NULL,
    "cap" INTEGER,
    "qualifyingMonths" INTEGER,
    "bonus" INTEGER,
    "periodFrom" DATE,
    "periodTo" DATE,
    "budget" INTEGER,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubsidyProgrammeSetting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubsidyClaim" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "kind" "SubsidyKind" NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "ruleRegionCode" TEXT,
    "labourerId" TEXT,
    "employerId" TEXT,
    "applicationId" TEXT,
    "fairId" TEXT,
    "reference" TEXT,
    "month" TEXT,
    "claimant" "SubsidyClaimant" NOT NULL,
    "claimantName" TEXT NOT NULL,
    "people" INTEGER NOT NULL DEFAULT 1,
    "amount" INTEGER NOT NULL,
    "evidence" JSONB NOT NULL DEFAULT '{}',
    "checks" JSONB NOT NULL DEFAULT '[]',
    "status" "SubsidyClaimStatus" NOT NULL DEFAULT 'draft',
    "rejectionReason" TEXT,
    "paidAmount" INTEGER,
    "paidOn" DATE,
    "paymentReference" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "legacyDecisionId" TEXT,

    CONSTRAINT "SubsidyClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubsidyClaimTransition" (
    "id" BIGSERIAL NOT NULL,
    "claimId" TEXT NOT NULL,
    "fromStatus" "SubsidyClaimStatus",
    "toStatus" "SubsidyClaimStatus" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "byId" TEXT,
    "note" TEXT,

    CONSTRAINT "SubsidyClaimTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BusinessRegistration" (
    "id" TEXT NOT NULL,
    "labourerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "licenceNo" TEXT,
    "registeredOn" DATE NOT NULL,
    "returningMigrant" BOOLEAN NOT NULL DEFAULT false,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BusinessRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyProgramme_code_key" ON "SubsidyProgramme"("code");

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyProgrammeSetting_programmeId_regionCode_key" ON "SubsidyProgrammeSetting"("programmeId", "regionCode");

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyClaim_subjectKey_key" ON "SubsidyClaim"("subjectKey");

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyClaim_legacyDecisionId_key" ON "SubsidyClaim"("legacyDecisionId");

-- CreateIndex
CREATE INDEX "SubsidyClaim_regionCode_status_idx" ON "SubsidyClaim"("regionCode", "status");

-- CreateIndex
CREATE INDEX "SubsidyClaim_programmeId_status_idx" ON "SubsidyClaim"("programmeId", "status");

-- CreateIndex
CREATE INDEX "SubsidyClaim_labourerId_idx" ON "SubsidyClaim"("labourerId");

-- CreateIndex
CREATE INDEX "SubsidyClaim_applicationId_idx" ON "SubsidyClaim"("applicationId");

-- CreateIndex
CREATE INDEX "SubsidyClaim_decidedAt_idx" ON "SubsidyClaim"("decidedAt");

-- CreateIndex
CREATE INDEX "SubsidyClaimTransition_claimId_at_idx" ON "SubsidyClaimTransition"("claimId", "at");

-- CreateIndex
CREATE INDEX "BusinessRegistration_labourerId_idx" ON "BusinessRegistration"("labourerId");

-- AddForeignKey
ALTER TABLE "SubsidyProgrammeSetting" ADD CONSTRAINT "SubsidyProgrammeSetting_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "SubsidyProgramme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubsidyClaim" ADD CONSTRAINT "SubsidyClaim_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "SubsidyProgramme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubsidyClaimTransition" ADD CONSTRAINT "SubsidyClaimTransition_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "SubsidyClaim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Data: the hiring subsidy moves onto the claim engine. Its programme row is created here (the
-- other programmes and every province setting are seeded at start, see
-- services/subsidies/programme-catalogue.ts); each SubsidyDecision becomes a claim with its steps,
-- signed by the officer who decided and dated at the decision. SubsidyDecision stays as it was.
INSERT INTO "SubsidyProgramme" ("id", "code", "kind", "name", "nameEn", "claimant", "eligibilityRule", "amountBasis", "evidence", "clause", "updatedAt")
VALUES (gen_random_uuid()::text, 'hiring', 'hiring', '吸纳就业补贴', 'Hiring subsidy', 'employer', 'hire_of_registered_poor_kept',
        'per_person', ARRAY['labour_contract', 'payroll'], '§2(1) 给予企业相应的吸纳就业补贴', CURRENT_TIMESTAMP);

INSERT INTO "SubsidyClaim" ("id", "programmeId", "kind", "subjectKey", "regionCode", "labourerId", "employerId", "applicationId",
  "claimant", "claimantName", "people", "amount", "evidence", "checks", "status", "rejectionReason", "createdById",
  "createdAt", "updatedAt", "decidedAt", "legacyDecisionId")
SELECT gen_random_uuid()::text, p."id", 'hiring', 'hiring:hire:' || d."applicationId", e."regionCode", d."labourerId", e."id", d."applicationId",
  'employer', e."name", 1, d."amount", '{}'::jsonb,
  jsonb_build_array(jsonb_build_object('rule', 'kept_qualifying_months', 'passed', true, 'detail', d."qualifyingMonths"::text)),
  d."status"::text::"SubsidyClaimStatus", CASE WHEN d."status" = 'rejected' THEN coalesce(d."note", '') END, d."decidedById",
  d."decidedAt", d."decidedAt", d."decidedAt", d."id"
FROM "SubsidyDecision" d
JOIN "Application" a ON a."id" = d."applicationId"
JOIN "Vacancy" v ON v."id" = a."vacancyId"
JOIN "Employer" e ON e."id" = v."employerId"
CROSS JOIN (SELECT "id" FROM "SubsidyProgramme" WHERE "code" = 'hiring') p;

INSERT INTO "SubsidyClaimTransition" ("claimId", "fromStatus", "toStatus", "at", "byId", "note")
SELECT c."id", s."fromStatus"::"SubsidyClaimStatus", s."toStatus"::"SubsidyClaimStatus", c."decidedAt", c."createdById",
  CASE WHEN s."last" THEN d."note" END
FROM "SubsidyClaim" c
JOIN "SubsidyDecision" d ON d."id" = c."legacyDecisionId"
CROSS JOIN LATERAL (VALUES (NULL, 'draft', false), ('draft', 'submitted', false), ('submitted', 'checked', false),
                           ('checked', d."status"::text, true)) AS s("fromStatus", "toStatus", "last");
