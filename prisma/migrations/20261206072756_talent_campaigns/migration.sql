-- CreateTable
CREATE TABLE "TalentCampaign" (
    "id" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "institution" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "posts" INTEGER NOT NULL,
    "reservedPoor" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TalentCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TalentCampaignRecruit" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "idNumberEncrypted" TEXT NOT NULL,
    "idNumberHash" TEXT NOT NULL,
    "idNumberMasked" TEXT NOT NULL,
    "post" TEXT NOT NULL,
    "poorFamily" BOOLEAN NOT NULL DEFAULT false,
    "recruitedOn" DATE NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TalentCampaignRecruit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TalentCampaign_year_countyCode_idx" ON "TalentCampaign"("year", "countyCode");

-- CreateIndex
CREATE INDEX "TalentCampaignRecruit_campaignId_recruitedOn_idx" ON "TalentCampaignRecruit"("campaignId", "recruitedOn");

-- CreateIndex
CREATE UNIQUE INDEX "TalentCampaignRecruit_campaignId_idNumberHash_key" ON "TalentCampaignRecruit"("campaignId", "idNumberHash");

-- AddForeignKey
ALTER TABLE "TalentCampaignRecruit" ADD CONSTRAINT "TalentCampaignRecruit_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "TalentCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
