-- CreateEnum
CREATE TYPE "GraduateSchoolKind" AS ENUM ('college', 'technical_senior', 'technical_preparatory', 'special_education');

-- CreateEnum
CREATE TYPE "GraduateWish" AS ENUM ('job', 'start_up', 'further_study');

-- CreateEnum
CREATE TYPE "GraduateStatus" AS ENUM ('in_school', 'left_without_work', 'employed', 'started_business', 'further_study');

-- CreateEnum
CREATE TYPE "PairingEndReason" AS ENUM ('employed', 'started_business', 'further_study', 'year_over', 'other');

-- CreateEnum
CREATE TYPE "PairingContactChannel" AS ENUM ('phone', 'visit', 'message', 'other');

-- CreateTable
CREATE TABLE "Graduate" (
    "id" TEXT NOT NULL,
    "labourerId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "schoolName" TEXT NOT NULL,
    "schoolKind" "GraduateSchoolKind" NOT NULL,
    "major" TEXT NOT NULL,
    "graduationYear" INTEGER NOT NULL,
    "leftSchoolOn" DATE NOT NULL,
    "wish" "GraduateWish" NOT NULL,
    "status" "GraduateStatus" NOT NULL,
    "statusSince" DATE NOT NULL,
    "workFoundOn" DATE,
    "occupations" TEXT[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Graduate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GraduateStatusChange" (
    "id" TEXT NOT NULL,
    "graduateId" TEXT NOT NULL,
    "fromStatus" "GraduateStatus",
    "toStatus" "GraduateStatus" NOT NULL,
    "on" DATE NOT NULL,
    "note" TEXT,
    "byId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GraduateStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchmakerPairing" (
    "id" TEXT NOT NULL,
    "graduateId" TEXT NOT NULL,
    "matchmakerId" TEXT NOT NULL,
    "assignedById" TEXT NOT NULL,
    "openKey" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastContactAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "endReason" "PairingEndReason",
    "endNote" TEXT,

    CONSTRAINT "MatchmakerPairing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PairingContact" (
    "id" TEXT NOT NULL,
    "pairingId" TEXT NOT NULL,
    "on" DATE NOT NULL,
    "channel" "PairingContactChannel" NOT NULL,
    "note" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PairingContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PairingReferral" (
    "id" TEXT NOT NULL,
    "pairingId" TEXT NOT NULL,
    "vacancyId" TEXT NOT NULL,
    "applicationId" TEXT,
    "note" TEXT,
    "byId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PairingReferral_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Graduate_regionCode_graduationYear_idx" ON "Graduate"("regionCode", "graduationYear");

-- CreateIndex
CREATE INDEX "Graduate_graduationYear_status_idx" ON "Graduate"("graduationYear", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Graduate_labourerId_graduationYear_key" ON "Graduate"("labourerId", "graduationYear");

-- CreateIndex
CREATE INDEX "GraduateStatusChange_graduateId_createdAt_idx" ON "GraduateStatusChange"("graduateId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MatchmakerPairing_openKey_key" ON "MatchmakerPairing"("openKey");

-- CreateIndex
CREATE INDEX "MatchmakerPairing_matchmakerId_endedAt_idx" ON "MatchmakerPairing"("matchmakerId", "endedAt");

-- CreateIndex
CREATE INDEX "MatchmakerPairing_graduateId_idx" ON "MatchmakerPairing"("graduateId");

-- CreateIndex
CREATE INDEX "PairingContact_pairingId_on_idx" ON "PairingContact"("pairingId", "on");

-- CreateIndex
CREATE UNIQUE INDEX "PairingReferral_pairingId_vacancyId_key" ON "PairingReferral"("pairingId", "vacancyId");

-- AddForeignKey
ALTER TABLE "GraduateStatusChange" ADD CONSTRAINT "GraduateStatusChange_graduateId_fkey" FOREIGN KEY ("graduateId") REFERENCES "Graduate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MatchmakerPairing" ADD CONSTRAINT "MatchmakerPairing_graduateId_fkey" FOREIGN KEY ("graduateId") REFERENCES "Graduate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PairingContact" ADD CONSTRAINT "PairingContact_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "MatchmakerPairing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PairingReferral" ADD CONSTRAINT "PairingReferral_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "MatchmakerPairing"("id") ON DELETE CASCADE ON UPDATE CASCADE;
