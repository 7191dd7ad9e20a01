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
  set('phone', optionalText(body.phone));
  set('regionCode', text(body.regionCode) ?? '');
  set('currentRegionCode', optionalText(body.currentRegionCode));
  set('currentAddress', optionalText(body.currentAddress));
  set('educationLevel', optionalText(body.educationLevel));
  set('povertyStatus', text(body.povertyStatus) || undefined);
  set('povertyHouseholdNo', optionalText(body.povertyHouseholdNo));
  set('povertyYear', optionalNumber(body.povertyYear));
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
