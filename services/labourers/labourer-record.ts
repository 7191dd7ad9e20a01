import { type IdNumberProblem, parseIdNumber } from '../platform/crypto/id-number.ts';
import { maskIdNumber, type PiiCipher, storedPhone } from '../platform/crypto/pii.ts';
import type { FieldIssue } from '../platform/errors/domain-errors.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { type LabourerCreate, type LabourerPatch, NON_SCALAR_FIELDS, PROFILE_FIELDS } from './labourers.contract.ts';
import type { NormalisedLabourer } from './labourers.repository.ts';

export type { NormalisedLabourer } from './labourers.repository.ts';
import { nameKeys } from './name-search.ts';

// Provinces, autonomous regions and municipalities of the national division scheme (GB/T 2260).
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  legacy_15_digits: 'is the old 15-digit form; enter the 18-digit number of the current ID card',
  format: 'must be 18 characters: 17 digits and a last digit or X',
  birth_date: 'contains a birth date that does not exist',
  checksum: 'has a wrong check character (the last one); look for a mistyped digit',
  region: 'starts with a region code that does not exist',
};

/**
 * An ID number's region is where it was issued, anywhere in China. The reference data holds the
 * divisions of Fujian and of its partner Ningxia, so those are checked down to the city; others
 * down to the province.
 */
export function idRegionKnown(ref: ReferenceNames) {
  return (code: string) => {
    const province = code.slice(0, 2);
    if (!PROVINCE_CODES.has(province)) return false;
    if (province === '35' || province === '64') return ref.hasRegion(code.slice(0, 4));
    return true;
  };
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/**
 * Checks a labourer record against the ID number and the reference data and turns it into
 * database values. Collects every problem instead of stopping at the first.
 */
export function normaliseLabourer(
  input: Partial<LabourerCreate> & Partial<Pick<LabourerPatch, 'statusNote'>>,
  ref: ReferenceNames,
  pii: PiiCipher,
  mode: 'create' | 'patch',
): { ok: true; value: NormalisedLabourer } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const issue = (field: string, code: string, message: string) => issues.push({ field, code, message });
  const scalars: Record<string, unknown> = {};
  let idNumber = '';

  if (input.idNumber !== undefined) {
    const parsed = parseIdNumber(input.idNumber, idRegionKnown(ref));
    if (!parsed.ok) {
      issue('idNumber', `id_${parsed.problem}`, ID_NUMBER_MESSAGES[parsed.problem]);
    } else {
      idNumber = parsed.value.idNumber;
      const birth = parsed.value.birthDate.toISOString().slice(0, 10);
      if (input.sex && input.sex !== parsed.value.sex) issue('sex', 'id_sex_mismatch', 'does not match the ID number');
      if (input.birthDate && input.birthDate !== birth)
        issue('birthDate', 'id_birth_mismatch', 'does not match the ID number');
      Object.assign(scalars, {
        idNumberEncrypted: pii.encrypt(idNumber),
        idNumberHash: pii.hash(idNumber),
        idNumberMasked: maskIdNumber(idNumber),
        sex: parsed.value.sex,
        birthDate: parsed.value.birthDate,
      });
    }
  } else if (mode === 'create') {
    issue('idNumber', 'required', 'is required');
  }

  if (input.name !== undefined) Object.assign(scalars, { name: input.name, ...nameKeys(input.name) });
  // Stored like the ID number; null removes the number.
  if (input.phone !== undefined) Object.assign(scalars, storedPhone(pii, input.phone));
  for (const field of ['regionCode', 'currentRegionCode'] as const) {
    const code = input[field];
    if (code && !ref.isKnownPlace(code)) issue(field, 'region_unknown', 'is not a known region');
  }
  for (const [field, codes] of [
    ['desiredOccupations', input.desiredOccupations],
    ['trainingWishes', input.trainingWishes],
  ] as const) {
    codes?.forEach((code, i) => {
      if (!ref.hasOccupation(code)) issue(`${field}.${i}`, 'occupation_unknown', `${code} is not an occupation code`);
    });
  }
  if (input.expectedWage != null && input.expectedWage > 0 && input.expectedWage < 500) {
    issue('expectedWage', 'wage_too_low', 'is a monthly wage in yuan; below 500 looks like a typing mistake');
  }
  if (input.disabilityGrade != null && input.disability === false) {
    issue('disabilityGrade', 'grade_without_disability', 'needs disability to be true');
  }

  const copy = PROFILE_FIELDS.filter((field) => !NON_SCALAR_FIELDS.includes(field)) as Array<keyof typeof input>;
  for (const field of copy) if (input[field] !== undefined) scalars[field] = input[field];
  if (input.availableFrom !== undefined) scalars.availableFrom = input.availableFrom ? day(input.availableFrom) : null;

  const result: NormalisedLabourer = { scalars: scalars as NormalisedLabourer['scalars'], idNumber };
  if (input.skills) {
    const seen = new Set<string>();
    result.skills = [];
    input.skills.forEach((raw, i) => {
      const skill = typeof raw === 'string' ? { code: raw } : raw;
      if (!ref.hasSkill(skill.code)) return issue(`skills.${i}`, 'skill_unknown', `${skill.code} is not a skill code`);
      if (seen.has(skill.code)) return;
      seen.add(skill.code);
      result.skills!.push({ skillCode: skill.code, level: skill.level ?? 'intermediate', note: skill.note ?? null });
    });
  }
  if (input.certificates) {
    result.certificates = [];
    input.certificates.forEach((raw, i) => {
      const cert = typeof raw === 'string' ? { kind: raw } : raw;
      if (!ref.certificate(cert.kind))
        return issue(`certificates.${i}`, 'certificate_unknown', `${cert.kind} is not a certificate kind`);
      result.certificates!.push({
        kind: cert.kind,
        level: 'level' in cert ? (cert.level ?? null) : null,
        issuer: 'issuer' in cert ? (cert.issuer ?? null) : null,
        issuedOn: 'issuedOn' in cert && cert.issuedOn ? day(cert.issuedOn) : null,
      });
    });
  }
  if (input.workHistory) {
    result.workHistory = input.workHistory.map((job, i) => {
      if (job.endedOn && job.endedOn < job.startedOn)
        issue(`workHistory.${i}.endedOn`, 'ended_before_start', 'is before startedOn');
      if (job.occupationCode && !ref.hasOccupation(job.occupationCode)) {
        issue(
          `workHistory.${i}.occupationCode`,
          'occupation_unknown',
          `${job.occupationCode} is not an occupation code`,
        );
      }
      return {
        employerName: job.employerName,
        occupationCode: job.occupationCode ?? null,
        regionCode: job.regionCode ?? null,
        startedOn: day(job.startedOn),
        endedOn: job.endedOn ? day(job.endedOn) : null,
        note: job.note ?? null,
      };
    });
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: result };
}
