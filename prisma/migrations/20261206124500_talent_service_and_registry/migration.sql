-- 三支一扶: the two-year service, its start and due end
ALTER TABLE "SzyfParticipant" ADD COLUMN     "serviceDueOn" DATE,
ADD COLUMN     "serviceStartOn" DATE;

-- Recruits: local to the county (registry) and on a reserved post
ALTER TABLE "TalentCampaignRecruit" ADD COLUMN     "localToCounty" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reservedPost" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "TalentRecruit" ADD COLUMN     "localToCounty" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reservedPost" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "SzyfParticipant_serviceDueOn_idx" ON "SzyfParticipant"("serviceDueOn");

-- Participants placed before: the service began on their last step to placed, due two years later.
UPDATE "SzyfParticipant" p
SET "serviceStartOn" = s."on", "serviceDueOn" = (s."on" + INTERVAL '2 years')::date
FROM (
  SELECT "participantId", MAX("on") AS "on" FROM "SzyfTransition" WHERE "toState" = 'placed' GROUP BY "participantId"
) s
WHERE s."participantId" = p."id";
