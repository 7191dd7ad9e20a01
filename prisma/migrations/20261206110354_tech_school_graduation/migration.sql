-- AlterEnum
ALTER TYPE "TechSchoolPlaceState" ADD VALUE 'graduated';

-- AlterTable
ALTER TABLE "TechSchoolPlace" ADD COLUMN     "examFree" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "graduatedOn" DATE,
ADD COLUMN     "orderClass" TEXT;

-- CreateTable
CREATE TABLE "TechSchoolInternship" (
    "id" TEXT NOT NULL,
    "placeId" TEXT NOT NULL,
    "employerId" TEXT,
    "employerName" TEXT NOT NULL,
    "post" TEXT NOT NULL,
    "startOn" DATE NOT NULL,
    "endOn" DATE NOT NULL,
    "regionCode" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TechSchoolInternship_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TechSchoolPlacement" (
    "id" TEXT NOT NULL,
    "placeId" TEXT NOT NULL,
    "employerId" TEXT,
    "employerName" TEXT NOT NULL,
    "vacancyId" TEXT,
    "jobTitle" TEXT NOT NULL,
    "startOn" DATE NOT NULL,
    "regionCode" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TechSchoolPlacement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TechSchoolInternship_placeId_startOn_idx" ON "TechSchoolInternship"("placeId", "startOn");

-- CreateIndex
CREATE UNIQUE INDEX "TechSchoolPlacement_placeId_key" ON "TechSchoolPlacement"("placeId");

-- CreateIndex
CREATE INDEX "TechSchoolPlacement_regionCode_startOn_idx" ON "TechSchoolPlacement"("regionCode", "startOn");

-- AddForeignKey
ALTER TABLE "TechSchoolInternship" ADD CONSTRAINT "TechSchoolInternship_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "TechSchoolPlace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TechSchoolPlacement" ADD CONSTRAINT "TechSchoolPlacement_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "TechSchoolPlace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
