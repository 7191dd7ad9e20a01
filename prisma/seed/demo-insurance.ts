import type { ModuleSeeder } from './demo-modules.ts';

const DAY = 24 * 3_600_000;

/**
 * A few social-insurance cases for 长汀县 (the county officer's region): people aged 60+ without a
 * pension, one at each stage, and one stalled long enough for the reminder, so the case pages have
 * something to show.
 */
export const seedInsuranceDemo: ModuleSeeder = async (db) => {
  const officer = await db.user.findUnique({ where: { username: 'officer.changting' } });
  if (!officer?.regionCode) return;
  const now = Date.now();
  const sixty = new Date(now - 60 * 365.25 * DAY);
  const people = await db.labourer.findMany({
    where: {
      regionCode: { startsWith: officer.regionCode },
      erasedAt: null,
      povertyStatus: 'registered',
      birthDate: { lte: sixty },
      pensionInsurance: 'none',
    },
    orderBy: { id: 'asc' },
    take: 3,
  });
  const paths = [['identified'], ['identified', 'enrolling'], ['identified', 'enrolling', 'papers_pending']];
  for (const [index, person] of people.entries()) {
    const steps = paths[index]!;
    const opened = new Date(now - (30 - index * 5) * DAY);
    const created = await db.insuranceCase.create({
      data: {
        kind: 'pension_60_plus',
        labourerId: person.id,
        regionCode: person.regionCode,
        state: steps.at(-1)!,
        openKey: `${person.id}:pension_60_plus`,
        assignedToId: officer.id,
        dueOn: new Date(opened.getTime() + 30 * DAY),
        source: 'registry',
        lastTransitionAt: new Date(opened.getTime() + (steps.length - 1) * DAY),
        createdById: officer.id,
        createdAt: opened,
      },
    });
    await db.insuranceCaseTransition.createMany({
      data: steps.map((to, step) => ({
        caseId: created.id,
        fromState: step === 0 ? null : steps[step - 1]!,
        toState: to,
        note: step === 0 ? '年满60周岁未参保，列入工作清单' : '已入户讲解参保政策',
        actorId: officer.id,
        at: new Date(opened.getTime() + step * DAY),
      })),
    });
  }
};
