-- CreateEnum
CREATE TYPE "RegionLevel" AS ENUM ('province', 'city', 'county', 'township', 'village');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('labourer', 'employer', 'officer', 'admin');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('male', 'female');

-- CreateEnum
CREATE TYPE "EmploymentStatus" AS ENUM ('unemployed', 'employed_local', 'transferred_in_province', 'transferred_out_province', 'self_employed', 'public_welfare_post', 'in_training', 'not_in_labour_force');

-- CreateEnum
CREATE TYPE "Mobility" AS ENUM ('township', 'county', 'city', 'province', 'partner_region', 'anywhere');

-- CreateEnum
CREATE TYPE "PovertyStatus" AS ENUM ('registered', 'lifted_out');

-- CreateEnum
CREATE TYPE "EducationLevel" AS ENUM ('none', 'primary', 'junior_secondary', 'senior_secondary', 'vocational', 'college', 'bachelor_or_above');

-- CreateEnum
CREATE TYPE "PensionInsurance" AS ENUM ('none', 'urban_rural_resident', 'employee');

-- CreateEnum
CREATE TYPE "SkillLevel" AS ENUM ('beginner', 'intermediate', 'skilled', 'expert');

-- CreateEnum
CREATE TYPE "ChangeSource" AS ENUM ('manual', 'self', 'import', 'application', 'system');

-- CreateEnum
CREATE TYPE "EmployerKind" AS ENUM ('company', 'poverty_workshop', 'poverty_base', 'household_service', 'labour_agency', 'public_welfare');

-- CreateEnum
CREATE TYPE "VacancyStatus" AS ENUM ('draft', 'open', 'paused', 'filled', 'expired', 'closed');

-- CreateEnum
CREATE TYPE "PayBasis" AS ENUM ('month', 'day', 'piece');

-- CreateEnum
CREATE TYPE "ImportKind" AS ENUM ('poverty_office', 'household_survey');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('pending', 'running', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "DuplicateKind" AS ENUM ('in_file', 'registry');

-- CreateEnum
CREATE TYPE "DuplicateResolution" AS ENUM ('pending', 'keep_existing', 'use_incoming', 'distinct_people');

-- CreateEnum
CREATE TYPE "ComparisonKind" AS ENUM ('employment_registration', 'training_records', 'skills_appraisal', 'social_insurance', 'poverty_office');

-- CreateEnum
CREATE TYPE "FindingKind" AS ENUM ('only_in_registry', 'only_in_external', 'status_disagreement', 'no_pension_60_plus', 'training_wanted_none');

-- CreateTable
CREATE TABLE "Region" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "level" "RegionLevel" NOT NULL,
    "parentCode" TEXT,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "keyCounty" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "OccupationCategory" (
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,

    CONSTRAINT "OccupationCategory_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Occupation" (
    "code" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "skillCodes" TEXT[],

    CONSTRAINT "Occupation_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Skill" (
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "relatedCodes" TEXT[],

    CONSTRAINT "Skill_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "CertificateKind" (
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "occupationCodes" TEXT[],

    CONSTRAINT "CertificateKind_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "displayName" TEXT NOT NULL,
    "regionCode" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "labourerId" TEXT,
    "employerId" TEXT,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorRole" "Role",
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "requestId" TEXT,
    "details" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Labourer" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "namePinyin" TEXT NOT NULL DEFAULT '',
    "nameInitials" TEXT NOT NULL DEFAULT '',
    "idNumberEncrypted" TEXT NOT NULL,
    "idNumberHash" TEXT NOT NULL,
    "idNumberMasked" TEXT NOT NULL,
    "sex" "Sex" NOT NULL,
    "birthDate" DATE NOT NULL,
    "phone" TEXT,
    "regionCode" TEXT NOT NULL,
    "currentRegionCode" TEXT,
    "currentAddress" TEXT,
    "educationLevel" "EducationLevel",
    "povertyStatus" "PovertyStatus" NOT NULL DEFAULT 'registered',
    "povertyHouseholdNo" TEXT,
    "povertyYear" INTEGER,
    "disability" BOOLEAN NOT NULL DEFAULT false,
    "disabilityGrade" INTEGER,
    "hardToEmploy" BOOLEAN NOT NULL DEFAULT false,
    "employmentStatus" "EmploymentStatus" NOT NULL DEFAULT 'unemployed',
    "employmentStatusSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "wantsJob" BOOLEAN NOT NULL DEFAULT true,
    "mobility" "Mobility" NOT NULL DEFAULT 'county',
    "desiredOccupations" TEXT[],
    "expectedWage" INTEGER,
    "needsAccommodation" BOOLEAN NOT NULL DEFAULT false,
    "availableFrom" DATE,
    "trainingWishes" TEXT[],
    "pensionInsurance" "PensionInsurance" NOT NULL DEFAULT 'none',
    "unemploymentInsurance" BOOLEAN NOT NULL DEFAULT false,
    "consentContact" BOOLEAN NOT NULL DEFAULT true,
    "consentShowEmployer" BOOLEAN NOT NULL DEFAULT true,
    "erasedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Labourer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabourerSkill" (
    "labourerId" TEXT NOT NULL,
    "skillCode" TEXT NOT NULL,
    "level" "SkillLevel" NOT NULL DEFAULT 'intermediate',
    "note" TEXT,

    CONSTRAINT "LabourerSkill_pkey" PRIMARY KEY ("labourerId","skillCode")
);

-- CreateTable
CREATE TABLE "LabourerCertificate" (
    "id" TEXT NOT NULL,
    "labourerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "level" TEXT,
    "issuer" TEXT,
    "issuedOn" DATE,

    CONSTRAINT "LabourerCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabourerWorkHistory" (
    "id" TEXT NOT NULL,
    "labourerId" TEXT NOT NULL,
    "employerName" TEXT NOT NULL,
    "occupationCode" TEXT,
    "regionCode" TEXT,
    "startedOn" DATE NOT NULL,
    "endedOn" DATE,
    "note" TEXT,

    CONSTRAINT "LabourerWorkHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabourerStatusChange" (
    "id" BIGSERIAL NOT NULL,
    "labourerId" TEXT NOT NULL,
    "fromStatus" "EmploymentStatus",
    "toStatus" "EmploymentStatus" NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changedById" TEXT,
    "source" "ChangeSource" NOT NULL DEFAULT 'manual',
    "note" TEXT,

    CONSTRAINT "LabourerStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Employer" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "creditCode" TEXT NOT NULL,
    "kind" "EmployerKind" NOT NULL,
    "regionCode" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "contactName" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Employer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vacancy" (
    "id" TEXT NOT NULL,
    "employerId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "occupationCode" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "skillCodes" TEXT[],
    "regionCode" TEXT NOT NULL,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "wageMin" INTEGER NOT NULL,
    "wageMax" INTEGER NOT NULL,
    "payBasis" "PayBasis" NOT NULL DEFAULT 'month',
    "headcount" INTEGER NOT NULL,
    "ageMin" INTEGER,
    "ageMax" INTEGER,
    "accommodation" BOOLEAN NOT NULL DEFAULT false,
    "meals" BOOLEAN NOT NULL DEFAULT false,
    "status" "VacancyStatus" NOT NULL DEFAULT 'draft',
    "publishedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Vacancy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchOutbox" (
    "id" BIGSERIAL NOT NULL,
    "indexName" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,

    CONSTRAINT "SearchOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportSource" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "regionCode" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT,
    "kind" "ImportKind" NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'pending',
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "createdCount" INTEGER NOT NULL DEFAULT 0,
    "updatedCount" INTEGER NOT NULL DEFAULT 0,
    "unchangedCount" INTEGER NOT NULL DEFAULT 0,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "duplicateCount" INTEGER NOT NULL DEFAULT 0,
    "startedById" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportIssue" (
    "id" BIGSERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "column" TEXT NOT NULL,
    "value" TEXT,
    "reason" TEXT NOT NULL,

    CONSTRAINT "ImportIssue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DuplicateFlag" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "kind" "DuplicateKind" NOT NULL,
    "reason" TEXT NOT NULL,
    "existingLabourerId" TEXT,
    "otherRowNumber" INTEGER,
    "incoming" JSONB NOT NULL,
    "resolution" "DuplicateResolution" NOT NULL DEFAULT 'pending',
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "DuplicateFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComparisonRun" (
    "id" TEXT NOT NULL,
    "kind" "ComparisonKind" NOT NULL,
    "fileName" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "externalRows" INTEGER NOT NULL DEFAULT 0,
    "totals" JSONB NOT NULL,

    CONSTRAINT "ComparisonRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComparisonFinding" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "kind" "FindingKind" NOT NULL,
    "labourerId" TEXT,
    "name" TEXT,
    "idNumberMasked" TEXT,
    "regionCode" TEXT,
    "registryValue" TEXT,
    "externalValue" TEXT,

    CONSTRAINT "ComparisonFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Region_parentCode_idx" ON "Region"("parentCode");

-- CreateIndex
CREATE INDEX "Occupation_categoryCode_idx" ON "Occupation"("categoryCode");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE UNIQUE INDEX "User_labourerId_key" ON "User"("labourerId");

-- CreateIndex
CREATE INDEX "User_role_regionCode_idx" ON "User"("role", "regionCode");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Labourer_idNumberHash_key" ON "Labourer"("idNumberHash");

-- CreateIndex
CREATE INDEX "Labourer_regionCode_idx" ON "Labourer"("regionCode");

-- CreateIndex
CREATE INDEX "Labourer_employmentStatus_idx" ON "Labourer"("employmentStatus");

-- CreateIndex
CREATE INDEX "Labourer_nameInitials_idx" ON "Labourer"("nameInitials");

-- CreateIndex
CREATE INDEX "Labourer_namePinyin_idx" ON "Labourer"("namePinyin");

-- CreateIndex
CREATE INDEX "LabourerSkill_skillCode_idx" ON "LabourerSkill"("skillCode");

-- CreateIndex
CREATE INDEX "LabourerCertificate_labourerId_idx" ON "LabourerCertificate"("labourerId");

-- CreateIndex
CREATE INDEX "LabourerCertificate_kind_idx" ON "LabourerCertificate"("kind");

-- CreateIndex
CREATE INDEX "LabourerWorkHistory_labourerId_idx" ON "LabourerWorkHistory"("labourerId");

-- CreateIndex
CREATE INDEX "LabourerStatusChange_labourerId_changedAt_idx" ON "LabourerStatusChange"("labourerId", "changedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Employer_creditCode_key" ON "Employer"("creditCode");

-- CreateIndex
CREATE INDEX "Employer_regionCode_idx" ON "Employer"("regionCode");

-- CreateIndex
CREATE INDEX "Vacancy_employerId_idx" ON "Vacancy"("employerId");

-- CreateIndex
CREATE INDEX "Vacancy_status_regionCode_idx" ON "Vacancy"("status", "regionCode");

-- CreateIndex
CREATE INDEX "SearchOutbox_nextAttemptAt_id_idx" ON "SearchOutbox"("nextAttemptAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ImportSource_regionCode_name_key" ON "ImportSource"("regionCode", "name");

-- CreateIndex
CREATE INDEX "ImportJob_regionCode_startedAt_idx" ON "ImportJob"("regionCode", "startedAt");

-- CreateIndex
CREATE INDEX "ImportIssue_jobId_rowNumber_idx" ON "ImportIssue"("jobId", "rowNumber");

-- CreateIndex
CREATE INDEX "DuplicateFlag_jobId_idx" ON "DuplicateFlag"("jobId");

-- CreateIndex
CREATE INDEX "DuplicateFlag_resolution_idx" ON "DuplicateFlag"("resolution");

-- CreateIndex
CREATE INDEX "ComparisonRun_regionCode_createdAt_idx" ON "ComparisonRun"("regionCode", "createdAt");

-- CreateIndex
CREATE INDEX "ComparisonFinding_runId_kind_idx" ON "ComparisonFinding"("runId", "kind");

-- AddForeignKey
ALTER TABLE "Occupation" ADD CONSTRAINT "Occupation_categoryCode_fkey" FOREIGN KEY ("categoryCode") REFERENCES "OccupationCategory"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_labourerId_fkey" FOREIGN KEY ("labourerId") REFERENCES "Labourer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_employerId_fkey" FOREIGN KEY ("employerId") REFERENCES "Employer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabourerSkill" ADD CONSTRAINT "LabourerSkill_labourerId_fkey" FOREIGN KEY ("labourerId") REFERENCES "Labourer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabourerCertificate" ADD CONSTRAINT "LabourerCertificate_labourerId_fkey" FOREIGN KEY ("labourerId") REFERENCES "Labourer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabourerWorkHistory" ADD CONSTRAINT "LabourerWorkHistory_labourerId_fkey" FOREIGN KEY ("labourerId") REFERENCES "Labourer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabourerStatusChange" ADD CONSTRAINT "LabourerStatusChange_labourerId_fkey" FOREIGN KEY ("labourerId") REFERENCES "Labourer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vacancy" ADD CONSTRAINT "Vacancy_employerId_fkey" FOREIGN KEY ("employerId") REFERENCES "Employer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportJob" ADD CONSTRAINT "ImportJob_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "ImportSource"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportIssue" ADD CONSTRAINT "ImportIssue_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ImportJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuplicateFlag" ADD CONSTRAINT "DuplicateFlag_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ImportJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComparisonFinding" ADD CONSTRAINT "ComparisonFinding_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ComparisonRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
