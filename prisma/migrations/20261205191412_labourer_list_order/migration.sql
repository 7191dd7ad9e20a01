-- CreateIndex
CREATE INDEX "Labourer_list_order_idx" ON "Labourer"("updatedAt" DESC, "id");
