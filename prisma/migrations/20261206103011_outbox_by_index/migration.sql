-- CreateIndex
CREATE INDEX "SearchOutbox_indexName_id_idx" ON "SearchOutbox"("indexName", "id");
