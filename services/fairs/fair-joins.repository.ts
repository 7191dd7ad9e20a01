import type { Db } from '../platform/database/prisma.ts';

const PERSON_SELECT = {
  id: true,
  name: true,
  namePinyin: true,
  idNumberMasked: true,
  sex: true,
  birthDate: true,
  user: { select: { id: true } },
} as const;

/** The fair tables keep plain ids (no relations to the registry): people and employers are joined here. */
export function fairJoins(db: Db) {
  async function withPeople<T extends { labourerId: string }>(rows: T[]) {
    const people = await db.labourer.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.labourerId))] } },
      select: PERSON_SELECT,
    });
    const byId = new Map(people.map((p) => [p.id, p]));
    const gone = {
      id: '',
      name: '—',
      namePinyin: '',
      idNumberMasked: '—',
      sex: 'male' as const,
      birthDate: new Date(0),
      user: null,
    };
    return rows.map((r) => ({ ...r, labourer: byId.get(r.labourerId) ?? gone }));
  }
  async function withEmployers<T extends { employerId: string }>(rows: T[]) {
    const employers = await db.employer.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.employerId))] } },
      select: { id: true, name: true },
    });
    const byId = new Map(employers.map((e) => [e.id, e]));
    return rows.map((r) => ({ ...r, employer: { name: byId.get(r.employerId)?.name ?? '—' } }));
  }
  const one = async <T>(rows: Promise<T[]>) => (await rows)[0];
  const maybe = <T extends { labourerId: string }>(row: T | null) =>
    row ? one(withPeople([row])) : Promise.resolve(undefined);
  const maybeEmployer = <T extends { employerId: string }>(row: T | null) =>
    row ? one(withEmployers([row])) : Promise.resolve(undefined);

  return { withPeople, withEmployers, maybe, maybeEmployer };
}
