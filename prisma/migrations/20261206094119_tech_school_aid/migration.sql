-- CreateEnum
CREATE TYPE "TechSchoolAidKind" AS ENUM ('fee_waiver', 'state_grant', 'scholarship', 'other');

-- CreateEnum
CREATE TYPE "TechSchoolAidFindingKind" AS ENUM ('aid_missing', 'not_enrolled');

-- CreateTable
CREATE TABLE "TechSchoolAid" (
    "id" TEXT NOT NULL,
    "placeId" TEXT NOT NULL,
    "kind" "TechSchoolAidKind" NOT NULL,
    "term" TEXT NOT NULL,
    "amountYuan" INTEGER NOT NULL,
    "grantedOn" DATE NOT NULL,
    "regionCode" TEXT NOT NULL,
    "note" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TechSchoolAid_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TechSchoolAidCheck" (
    "id" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "matched" INTEGER NOT NULL,
    "poor" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TechSchoolAidCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TechSchoolAidFinding" (
    "id" TEXT NOT NULL,
    "checkId" TEXT NOT NULL,
    "kind" "TechSchoolAidFindingKind" NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "labourerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "idNumberMasked" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "school" TEXT NOT NULL,
    "programme" TEXT,
    "term" TEXT NOT NULL,
    "missingKinds" "TechSchoolAidKind"[],
    "placeState" "TechSchoolPlaceState",

    CONSTRAINT "TechSchoolAidFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TechSchoolAid_regionCode_grantedOn_idx" ON "TechSchoolAid"("regionCode", "grantedOn");

-- CreateIndex
CREATE UNIQUE INDEX "TechSchoolAid_placeId_kind_term_key" ON "TechSchoolAid"("placeId", "kind", "term");

-- CreateIndex
CREATE INDEX "TechSchoolAidCheck_regionCode_createdAt_idx" ON "TechSchoolAidCheck"("regionCode", "createdAt");

-- CreateIndex
CREATE INDEX "TechSchoolAidFinding_checkId_regionCode_idx" ON "TechSchoolAidFinding"("checkId", "regionCode");

-- AddForeignKey
ALTER TABLE "TechSchoolAid" ADD CONSTRAINT "TechSchoolAid_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "TechSchoolPlace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TechSchoolAidFinding" ADD CONSTRAINT "TechSchoolAidFinding_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "TechSchoolAidCheck"("id") ON DELETE CASCADE ON UPDATE CASCADE;
