import type { EmploymentStatus, PensionInsurance, PovertyStatus } from '../platform/database/generated/enums.ts';
import { ageOn } from '../platform/time/age.ts';
import { CHECKS, type ComparisonKind, FINDING_KINDS, type FindingKind, PENSION_AGE } from './comparison.kinds.ts';
import { registryWorkState } from './comparison.vocabulary.ts';
import type { ExternalPerson } from './external-people.ts';

/** A registry person in the officer's region, as the comparison needs them. */
export interface RegistryPerson {
  id: string;
  name: string;
  idNumberHash: string;
  idNumberMasked: string;
  regionCode: string;
  birthDate: Date;
  employmentStatus: EmploymentStatus;
  povertyStatus: PovertyStatus;
  pensionInsurance: PensionInsurance;
  /** Training wishes as shown to an officer (occupation names where known). */
  trainingWishes: string[];
}

/**
 * One discrepancy. Registry values are codes (unemployed, none, lifted_out) the report translates;
 * external values are the list's own words.
 */
export interface Finding {
  kind: FindingKind;
  labourerId: string | null;
  name: string | null;
  idNumberMasked: string | null;
  regionCode: string | null;
  registryValue: string | null;
  externalValue: string | null;
  /** The person's ID-number hash: which person a finding is about, across runs (for dismissals). */
  personKey: string;
}

export interface ComparisonInput {
  kind: ComparisonKind;
  /** The officer's region prefix ('' for an administrator). */
  prefix: string;
  today: Date;
  registry: Iterable<RegistryPerson>;
  external: Map<string, ExternalPerson>;
  /** Hashes of people registered outside the prefix: not "only on the list", just not this officer's. */
  registeredElsewhere: ReadonlySet<string>;
}

export interface ComparisonCounts {
  registryPeople: number;
  externalPeople: number;
  matched: number;
  outsideScope: number;
  byKind: Record<FindingKind, number>;
}

const fromRegistry = (
  person: RegistryPerson,
  kind: FindingKind,
  registryValue: string | null,
  externalValue: string | null,
): Finding => ({
  kind,
  labourerId: person.id,
  name: person.name,
  idNumberMasked: person.idNumberMasked,
  regionCode: person.regionCode,
  registryValue,
  externalValue,
  personKey: person.idNumberHash,
});

/** Registry unemployed (or out of the labour force) against a list saying employed, and the reverse. */
export function employmentDisagrees(status: EmploymentStatus, external: ExternalPerson['employment']): boolean {
  if (!external) return false;
  const registry = registryWorkState(status);
  if (registry === 'not_working') return external.state === 'employed';
  if (registry === 'working') return external.state !== 'employed';
  return false;
}

/**
 * Whether a person of 60 or more lacks pension insurance. The social-insurance list is the
 * system of record: only an active pension enrolment on it counts, whatever the registry says.
 * Other lists: the registry's value counts, unless the list itself states the pension enrolment.
 */
export function lacksPension(
  kind: ComparisonKind,
  person: RegistryPerson,
  external: ExternalPerson | undefined,
): boolean {
  if (kind === 'social_insurance') return external?.pension?.state !== 'enrolled';
  if (external?.pension) return external.pension.state !== 'enrolled';
  return person.pensionInsurance === 'none';
}

/** Compares the registry of one region with one external list. Pure: no I/O, no clock. */
export function compareLists(input: ComparisonInput): { findings: Finding[]; counts: ComparisonCounts } {
  const { kind, prefix, today, external } = input;
  const checks = new Set(CHECKS[kind]);
  const byKind = Object.fromEntries(FINDING_KINDS.map((k) => [k, [] as Finding[]])) as Record<FindingKind, Finding[]>;
  const matched = new Set<string>();
  let registryPeople = 0;

  for (const person of input.registry) {
    if (!person.regionCode.startsWith(prefix)) continue;
    registryPeople += 1;
    const onList = external.get(person.idNumberHash);
    if (onList) matched.add(person.idNumberHash);

    if (!onList && checks.has('only_in_registry'))
      byKind.only_in_registry.push(fromRegistry(person, 'only_in_registry', person.employmentStatus, null));

    if (onList && checks.has('status_disagreement')) {
      if (employmentDisagrees(person.employmentStatus, onList.employment))
        byKind.status_disagreement.push(
          fromRegistry(person, 'status_disagreement', person.employmentStatus, onList.employment!.text),
        );
      if (onList.poverty && onList.poverty.state !== person.povertyStatus)
        byKind.status_disagreement.push(
          fromRegistry(person, 'status_disagreement', person.povertyStatus, onList.poverty.text),
        );
    }

    if (
      checks.has('no_pension_60_plus') &&
      ageOn(person.birthDate, today) >= PENSION_AGE &&
      lacksPension(kind, person, onList)
    )
      byKind.no_pension_60_plus.push(
        fromRegistry(person, 'no_pension_60_plus', person.pensionInsurance, onList?.pension?.text ?? null),
      );

    if (checks.has('training_wanted_none') && !onList && person.trainingWishes.length > 0)
      byKind.training_wanted_none.push(
        fromRegistry(person, 'training_wanted_none', person.trainingWishes.join('、'), null),
      );
  }

  let outsideScope = 0;
  for (const [hash, person] of external) {
    if (matched.has(hash)) continue;
    if (input.registeredElsewhere.has(hash) || !person.regionCode.startsWith(prefix)) {
      outsideScope += 1;
      continue;
    }
    if (checks.has('only_in_external'))
      byKind.only_in_external.push({
        kind: 'only_in_external',
        labourerId: null,
        name: person.name,
        idNumberMasked: person.idMasked,
        regionCode: person.regionCode,
        registryValue: null,
        externalValue: person.detail || null,
        personKey: hash,
      });
  }

  const order = (a: Finding, b: Finding) =>
    (a.regionCode ?? '').localeCompare(b.regionCode ?? '') || (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN');
  const findings = FINDING_KINDS.flatMap((k) => byKind[k].sort(order));
  return {
    findings,
    counts: {
      registryPeople,
      externalPeople: external.size,
      matched: matched.size,
      outsideScope,
      byKind: Object.fromEntries(FINDING_KINDS.map((k) => [k, byKind[k].length])) as Record<FindingKind, number>,
    },
  };
}
