import { enqueueIndexing } from '../../../search-index/outbox.ts';
import type { Db, Prisma } from '../../platform/database/prisma.ts';

/** The rows of an evaluation fixture, ready to write. */
export interface FixtureRows {
  employers: Prisma.EmployerCreateManyInput[];
  vacancies: Prisma.VacancyCreateManyInput[];
  labourers: Prisma.LabourerCreateManyInput[];
  skills: Prisma.LabourerSkillCreateManyInput[];
  certificates: Prisma.LabourerCertificateCreateManyInput[];
  applications: Prisma.ApplicationCreateManyInput[];
  feedback: Prisma.MatchFeedbackCreateManyInput[];
}

/** Where an evaluation fixture is written: an empty registry. */
export function createFixtureRepository(db: Db) {
  return { write: (rows: FixtureRows) => writeFixture(db, rows) };
}

export type FixtureRepository = ReturnType<typeof createFixtureRepository>;

/** Writes a fixture's rows and queues its vacancies and labourers for the search index. */
async function writeFixture(db: Db, rows: FixtureRows): Promise<void> {
  await db.employer.createMany({ data: rows.employers });
  await db.vacancy.createMany({ data: rows.vacancies });
  await db.labourer.createMany({ data: rows.labourers });
  await db.labourerSkill.createMany({ data: rows.skills });
  await db.labourerCertificate.createMany({ data: rows.certificates });
  await db.application.createMany({ data: rows.applications });
  await db.matchFeedback.createMany({ data: rows.feedback });
  // Every fixture row is written with its id.
  const vacancyIds = rows.vacancies.map((v) => v.id!);
  const labourerIds = rows.labourers.map((l) => l.id!);
  await db.$transaction(async (tx) => {
    await enqueueIndexing(tx, 'vacancies', vacancyIds);
    await enqueueIndexing(tx, 'labourers', labourerIds);
  });
}
