-- CreateTable
CREATE TABLE "SzyfPlan" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "targetTotal" INTEGER NOT NULL,
    "targetKeyCounty" INTEGER NOT NULL,
    "note" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SzyfPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SzyfPost" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SzyfPost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SzyfParticipant" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "idNumberEncrypted" TEXT NOT NULL,
    "idNumberHash" TEXT NOT NULL,
    "idNumberMasked" TEXT NOT NULL,
    "school" TEXT,
    "major" TEXT,
    "homeRegionCode" TEXT NOT NULL,
    "postId" TEXT,
    "countyCode" TEXT,
    "state" TEXT NOT NULL DEFAULT 'applied',
    "stateOn" DATE NOT NULL,
    "outcome" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SzyfParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SzyfTransition" (
    "id" BIGSERIAL NOT NULL,
    "participantId" TEXT NOT NULL,
    "fromState" TEXT NOT NULL,
    "toState" TEXT NOT NULL,
    "on" DATE NOT NULL,
    "byUserId" TEXT NOT NULL,
    "note" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SzyfTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SzyfTraining" (
    "id" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "attendedOn" DATE NOT NULL,
    "hours" INTEGER,

    CONSTRAINT "SzyfTraining_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TalentCatalogueEntry" (
    "id" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "posts" INTEGER NOT NULL,
    "reservedPoor" INTEGER NOT NULL DEFAULT 0,
    "allowancePerMonth" INTEGER NOT NULL,
    "campaign" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TalentCatalogueEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TalentRecruit" (
    "id" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "idNumberEncrypted" TEXT NOT NULL,
    "idNumberHash" TEXT NOT NULL,
    "idNumberMasked" TEXT NOT NULL,
    "institution" TEXT NOT NULL,
    "poorFamily" BOOLEAN NOT NULL DEFAULT false,
    "recruitedOn" DATE NOT NULL,
    "allowancePerMonth" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TalentRecruit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkedCounty" (
    "id" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "since" INTEGER NOT NULL,
    "villages" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LinkedCounty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkedMeeting" (
    "id" TEXT NOT NULL,
    "linkedCountyId" TEXT NOT NULL,
    "heldOn" DATE NOT NULL,
    "decisions" TEXT NOT NULL,

    CONSTRAINT "LinkedMeeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkedItem" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "doneOn" DATE,

    CONSTRAINT "LinkedItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkedProject" (
    "id" TEXT NOT NULL,
    "linkedCountyId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "percent" INTEGER NOT NULL DEFAULT 0,
    "notes" TEXT,

    CONSTRAINT "LinkedProject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkedProjectUpdate" (
    "id" BIGSERIAL NOT NULL,
    "projectId" TEXT NOT NULL,
    "on" DATE NOT NULL,
    "percent" INTEGER NOT NULL,
    "note" TEXT,
    "byUserId" TEXT NOT NULL,

    CONSTRAINT "LinkedProjectUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkedPairing" (
    "id" TEXT NOT NULL,
    "linkedCountyId" TEXT NOT NULL,
    "branch" TEXT NOT NULL,
    "student" TEXT NOT NULL,
    "support" TEXT NOT NULL,
    "amount" INTEGER NOT NULL DEFAULT 0,
    "givenOn" DATE NOT NULL,

    CONSTRAINT "LinkedPairing_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SzyfPlan_year_key" ON "SzyfPlan"("year");

-- CreateIndex
CREATE INDEX "SzyfPost_planId_countyCode_idx" ON "SzyfPost"("planId", "countyCode");

-- CreateIndex
CREATE INDEX "SzyfParticipant_planId_state_idx" ON "SzyfParticipant"("planId", "state");

-- CreateIndex
CREATE INDEX "SzyfParticipant_countyCode_idx" ON "SzyfParticipant"("countyCode");

-- CreateIndex
CREATE UNIQUE INDEX "SzyfParticipant_planId_idNumberHash_key" ON "SzyfParticipant"("planId", "idNumberHash");

-- CreateIndex
CREATE INDEX "SzyfTransition_participantId_at_idx" ON "SzyfTransition"("participantId", "at");

-- CreateIndex
CREATE INDEX "TalentCatalogueEntry_countyCode_year_idx" ON "TalentCatalogueEntry"("countyCode", "year");

-- CreateIndex
CREATE UNIQUE INDEX "TalentRecruit_entryId_idNumberHash_key" ON "TalentRecruit"("entryId", "idNumberHash");

-- CreateIndex
CREATE UNIQUE INDEX "LinkedCounty_countyCode_key" ON "LinkedCounty"("countyCode");

-- AddForeignKey
ALTER TABLE "SzyfPost" ADD CONSTRAINT "SzyfPost_planId_fkey" FOREIGN KEY ("planId") REFERENCES "SzyfPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SzyfParticipant" ADD CONSTRAINT "SzyfParticipant_planId_fkey" FOREIGN KEY ("planId") REFERENCES "SzyfPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SzyfParticipant" ADD CONSTRAINT "SzyfParticipant_postId_fkey" FOREIGN KEY ("postId") REFERENCES "SzyfPost"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SzyfTransition" ADD CONSTRAINT "SzyfTransition_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "SzyfParticipant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SzyfTraining" ADD CONSTRAINT "SzyfTraining_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "SzyfParticipant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TalentRecruit" ADD CONSTRAINT "TalentRecruit_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "TalentCatalogueEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkedMeeting" ADD CONSTRAINT "LinkedMeeting_linkedCountyId_fkey" FOREIGN KEY ("linkedCountyId") REFERENCES "LinkedCounty"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkedItem" ADD CONSTRAINT "LinkedItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "LinkedMeeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkedProject" ADD CONSTRAINT "LinkedProject_linkedCountyId_fkey" FOREIGN KEY ("linkedCountyId") REFERENCES "LinkedCounty"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkedProjectUpdate" ADD CONSTRAINT "LinkedProjectUpdate_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "LinkedProject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkedPairing" ADD CONSTRAINT "LinkedPairing_linkedCountyId_fkey" FOREIGN KEY ("linkedCountyId") REFERENCES "LinkedCounty"("id") ON DELETE CASCADE ON UPDATE CASCADE;
