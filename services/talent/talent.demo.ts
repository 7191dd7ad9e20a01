export const seedTalentDemo = 1;
