-- CreateEnum
CREATE TYPE "SchoolLeftLevel" AS ENUM ('junior', 'senior');

-- CreateEnum
CREATE TYPE "TechSchoolPlaceState" AS ENUM ('wished', 'placed', 'enrolled', 'withdrawn');

-- CreateTable
CREATE TABLE "TechSchoolPlace" (
    "id" TEXT NOT NULL,
    "householdLabourerId" TEXT NOT NULL,
    "childLabourerId" TEXT,
    "childName" TEXT NOT NULL,
    "childBirthYear" INTEGER,
    "regionCode" TEXT NOT NULL,
    "leftLevel" "SchoolLeftLevel" NOT NULL,
    "leftYear" INTEGER NOT NULL,
    "schoolName" TEXT NOT NULL,
    "programme" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "state" "TechSchoolPlaceState" NOT NULL DEFAULT 'wished',
    "placedAt" TIMESTAMP(3),
    "enrolledAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TechSchoolPlace_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TechSchoolPlace_regionCode_year_idx" ON "TechSchoolPlace"("regionCode", "year");

-- CreateIndex
CREATE INDEX "TechSchoolPlace_year_state_idx" ON "TechSchoolPlace"("year", "state");

-- CreateIndex
CREATE UNIQUE INDEX "TechSchoolPlace_householdLabourerId_childName_year_key" ON "TechSchoolPlace"("householdLabourerId", "childName", "year");
