import type { z } from 'zod';
import type { FieldIssue } from '../platform/errors/domain-errors.ts';
import { translate } from '../platform/i18n/i18n.ts';

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

/** zod problems as field issues with the codes the locale files translate. */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path.join('.');
    const empty = issue.code === 'too_small' && 'minimum' in issue && issue.minimum === 1;
    const code =
      issue.code === 'invalid_type' || empty
        ? 'required'
        : issue.code === 'too_small'
          ? 'too_short'
          : issue.code === 'too_big'
            ? 'too_long'
            : 'invalid';
    return { field, code, message: issue.message };
  });
}

/** Field → message in the reader's language, for re-rendering a form. */
export function fieldErrors(locale: string, issues: FieldIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.field.split('.')[0] ?? issue.field;
    if (errors[field]) continue;
    const key = `validation.${issue.code ?? 'invalid'}`;
    const message = translate(locale, key);
    errors[field] = message === key ? translate(locale, 'validation.invalid') : message;
  }
  return errors;
}
