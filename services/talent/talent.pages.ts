export async function talentPages() {}
