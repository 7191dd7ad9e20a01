type FormBody = Record<string, string | string[] | undefined>;

const list = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).map((v) => v.trim()).filter(Boolean);
const text = (value: string | string[] | undefined): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined ? undefined : v.trim();
};
const optionalText = (value: string | string[] | undefined) => text(value) || null;
const optionalNumber = (value: string | string[] | undefined) => {
  const v = text(value);
  return v ? (Number.isFinite(Number(v)) ? Number(v) : v) : null;
};
const checkbox = (value: string | string[] | undefined) => value !== undefined && value !== '' && value !== 'false';

/**
 * Turns a submitted profile form into the API's input shape. Which fields a form carries decides
 * what is changed: an unchecked box is false only when its field was on the form (`fields`).
 */
export function formToInput(body: FormBody, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const has = (field: string) => fields.includes(field);
  const set = (field: string, value: unknown) => {
    if (has(field)) out[field] = value;
  };
  set('name', text(body.name) ?? '');
  set('idNumber', text(body.idNumber) ?? '');
  // Forms show the phone masked (139****5678): sent back unchanged, it keeps the stored number.
  if (!text(body.phone)?.includes('*')) set('phone', optionalText(body.phone));
  set('regionCode', text(body.regionCode) ?? '');
  set('currentRegionCode', optionalText(body.currentRegionCode));
  set('currentAddress', optionalText(body.currentAddress));
  set('educationLevel', optionalText(body.educationLevel));
  set('povertyStatus', text(body.povertyStatus) || undefined);
  set('povertyHouseholdNo', optionalText(body.povertyHouseholdNo));
  set('povertyYear', optionalNumber(body.povertyYear));
  set('graduationYear', optionalNumber(body.graduationYear));
  set('disability', checkbox(body.disability));
  set('disabilityGrade', optionalNumber(body.disabilityGrade));
  set('hardToEmploy', checkbox(body.hardToEmploy));
  set('employmentStatus', text(body.employmentStatus) || undefined);
  set('wantsJob', checkbox(body.wantsJob));
  set('mobility', text(body.mobility) || undefined);
  set('desiredOccupations', list(body.desiredOccupations));
  set('expectedWage', optionalNumber(body.expectedWage));
  set('needsAccommodation', checkbox(body.needsAccommodation));
  set('availableFrom', optionalText(body.availableFrom));
  set('trainingWishes', list(body.trainingWishes));
  set('pensionInsurance', text(body.pensionInsurance) || undefined);
  set('unemploymentInsurance', checkbox(body.unemploymentInsurance));
  set('consentContact', checkbox(body.consentContact));
  set('consentShowEmployer', checkbox(body.consentShowEmployer));
  set('skills', list(body.skills));
  set('certificates', list(body.certificates));
  set('statusNote', text(body.statusNote) || undefined);
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}

interface StoredDetails {
  skills: Array<{ code: string; level: string; note: string | null }>;
  certificates: Array<{ kind: string; level: string | null; issuer: string | null; issuedOn: string | null }>;
}

/**
 * A form shows skills and certificates as ticked codes only: a code the person already had keeps
 * its stored level, note, issuer and date, so saving the form changes only what was ticked or
 * unticked. (A bare code would reset the level to the default and drop the rest.)
 */
export function keepDetails(input: Record<string, unknown>, stored: StoredDetails): Record<string, unknown> {
  const out = { ...input };
  if (Array.isArray(input.skills)) {
    out.skills = (input.skills as string[]).map((code) => {
      const held = stored.skills.find((skill) => skill.code === code);
      return held ? { code, level: held.level, ...(held.note === null ? {} : { note: held.note }) } : code;
    });
  }
  if (Array.isArray(input.certificates)) {
    out.certificates = (input.certificates as string[]).flatMap((kind): Array<string | Record<string, string>> => {
      const held = stored.certificates.filter((certificate) => certificate.kind === kind);
      if (held.length === 0) return [kind];
      return held.map(({ level, issuer, issuedOn }) => ({
        kind,
        ...(level === null ? {} : { level }),
        ...(issuer === null ? {} : { issuer }),
        ...(issuedOn === null ? {} : { issuedOn }),
      }));
    });
  }
  return out;
}
