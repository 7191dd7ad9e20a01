import { isRegisteredPoor } from '../labourers/index.ts';
import type { RegistryYouth, TechSchoolAidRepository } from './tech-school-aid.repository.ts';

/** How a child belongs to a registered poor family: the family member a place is recorded through. */
export interface FamilyLink {
  householdLabourerId: string;
  /** Registered poor in their own record, or only through a member of their household. */
  through: 'self' | 'household';
}

const county = (code: string) => code.slice(0, 6);

/**
 * Which of these people are children of registered poor families (建档立卡贫困家庭): registered poor
 * themselves (the one definition, labourers' registered-poor.ts), or sharing the poverty office's
 * household number (贫困户编号) with a registered poor member of the same county — the registry holds
 * the household's members as separate records, and a child's own record may not carry the status.
 */
export async function poorFamilyLinks(
  repo: Pick<TechSchoolAidRepository, 'poorHouseholdMembers'>,
  people: ReadonlyArray<
    Pick<RegistryYouth, 'id' | 'regionCode' | 'povertyHouseholdNo' | 'povertyStatus' | 'povertyYear' | 'erasedAt'>
  >,
): Promise<Map<string, FamilyLink>> {
  const links = new Map<string, FamilyLink>();
  const rest: (typeof people)[number][] = [];
  for (const person of people) {
    if (isRegisteredPoor(person)) links.set(person.id, { householdLabourerId: person.id, through: 'self' });
    else if (person.povertyHouseholdNo && !person.erasedAt) rest.push(person);
  }
  const members = await repo.poorHouseholdMembers([...new Set(rest.map((p) => p.povertyHouseholdNo!))]);
  for (const person of rest) {
    const member = members.find(
      (m) =>
        m.id !== person.id &&
        m.povertyHouseholdNo === person.povertyHouseholdNo &&
        county(m.regionCode) === county(person.regionCode),
    );
    if (member) links.set(person.id, { householdLabourerId: member.id, through: 'household' });
  }
  return links;
}
