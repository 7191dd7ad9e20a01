-- CreateIndex
CREATE INDEX "Application_createdAt_idx" ON "Application"("createdAt");

-- CreateIndex
CREATE INDEX "Application_hiredAt_idx" ON "Application"("hiredAt");

-- CreateIndex
CREATE INDEX "Application_startedAt_idx" ON "Application"("startedAt");

-- CreateIndex
CREATE INDEX "Labourer_report_stocks_idx" ON "Labourer"("regionCode", "employmentStatus", "wantsJob", "pensionInsurance", "educationLevel", "unemploymentInsurance", "birthDate");

-- CreateIndex
CREATE INDEX "Labourer_report_region_idx" ON "Labourer"("regionCode", "wantsJob", "id");

-- CreateIndex
CREATE INDEX "LabourerStatusChange_toStatus_changedAt_labourerId_idx" ON "LabourerStatusChange"("toStatus", "changedAt", "labourerId");

-- CreateIndex
CREATE INDEX "SubsidyDecision_decidedAt_idx" ON "SubsidyDecision"("decidedAt");
