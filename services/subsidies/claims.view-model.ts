import { translate } from '../platform/i18n/i18n.ts';
import type { PageProblem } from '../platform/http/page-forms.ts';
import { CERTIFICATE_LEVELS } from './certificate-levels.ts';
import type { Claim, Programme } from './claims.contract.ts';
import { settingFor } from './programmes.service.ts';

type BudgetRow = {
  programmeCode: string;
  programmeName: string;
  programmeNameEn: string;
  regionCode: string;
  budget: number | null;
  approved: number;
  paid: number;
  remaining: number | null;
};

/**
 * The settings form filled with the rule in force in the officer's region (a budget only from the
 * region's own row: a parent's budget is not the region's), or with what was sent when refused.
 */
function settingForm(p: Programme, regionCode: string, sent?: Record<string, unknown>) {
  if (sent) return { ...sent, active: sent.active === true || sent.active === 'on' };
  const rule = settingFor(p.settings, regionCode);
  const own = rule?.regionCode === regionCode;
  const levels = rule?.levelAmounts ?? {};
  return {
    ...Object.fromEntries(CERTIFICATE_LEVELS.map((l) => [`level_${l}`, levels[l]])),
    regionCode,
    amount: rule?.amount,
    cap: rule?.cap,
    qualifyingMonths: rule?.qualifyingMonths,
    bonus: rule?.bonus,
    budget: own ? rule.budget : null,
    periodFrom: rule?.periodFrom,
    periodTo: rule?.periodTo,
    active: rule?.active ?? true,
  };
}

/** A programme as its page shows it: words in the reader's language, its rows per region, the form's problem. */
export function programmeView(
  locale: string,
  p: Programme,
  problem?: PageProblem,
  form: { regionCode: string; sent?: Record<string, unknown> } = { regionCode: '35' },
) {
  const t = (key: string) => translate(locale, key);
  return {
    ...p,
    form: settingForm(p, form.regionCode, problem ? form.sent : undefined),
    title: locale === 'en' ? p.nameEn : p.name,
    claimantText: t(`claims.claimant.${p.claimant}`),
    basisText: t(`claims.basis.${p.amountBasis}`),
    hiring: p.kind === 'hiring',
    ...levelView(locale, p, form.regionCode, problem ? form.sent : undefined, problem),
    problem,
  };
}

/**
 * A programme paid on a certificate (training, appraisal): each region row's amounts per level in
 * words, and the form's inputs per level with what was sent and the level's error.
 */
function levelView(
  locale: string,
  p: Programme,
  regionCode: string,
  sent: Record<string, unknown> | undefined,
  problem: (PageProblem & { levelErrors?: Record<string, string> }) | undefined,
) {
  if (p.eligibilityRule !== 'certificate_of_poor_person') return { byLevel: false };
  const name = (level: string) => translate(locale, `claims.levels.${level}`);
  const rule = settingFor(p.settings, regionCode);
  return {
    byLevel: true,
    settings: p.settings.map((s) => ({
      ...s,
      levelText: CERTIFICATE_LEVELS.filter((l) => s.levelAmounts[l] !== undefined)
        .map((l) => `${name(l)} ${s.levelAmounts[l]}`)
        .join(' · '),
    })),
    levelInputs: CERTIFICATE_LEVELS.map((level) => ({
      level,
      label: name(level),
      value: sent ? sent[`level_${level}`] : rule?.levelAmounts[level],
      error: problem?.levelErrors?.[level],
    })),
  };
}

/** What a claim may do next, for the detail page's forms. */
const NEXT: Record<Claim['status'], string[]> = {
  draft: ['submit'],
  submitted: ['check', 'reject'],
  checked: ['approve', 'reject'],
  approved: ['pay'],
  rejected: [],
  paid: [],
};

export function claimView(locale: string, c: Claim) {
  const t = (key: string) => translate(locale, key);
  const next = NEXT[c.status];
  return {
    ...c,
    levelText: c.level ? t(`claims.levels.${c.level}`) : null,
    programmeText: locale === 'en' ? c.programmeNameEn : c.programmeName,
    statusText: t(`claims.status.${c.status}`),
    createdOn: c.createdAt.slice(0, 10),
    checks: c.checks.map((k) => ({ ...k, text: t(`claims.checks.${k.rule}`) })),
    steps: (c.steps ?? []).map((s) => ({
      ...s,
      toText: t(`claims.status.${s.to}`),
      atText: s.at.slice(0, 16).replace('T', ' '),
    })),
    can: Object.fromEntries(next.map((a) => [a, true])),
    simple: next.filter((a) => a === 'submit' || a === 'check' || a === 'approve'),
  };
}

/** The budget table and its chart's data (the table carries the same numbers). */
export function budgetView(locale: string, rows: BudgetRow[]) {
  const items = rows.map((r) => ({ ...r, name: locale === 'en' ? r.programmeNameEn : r.programmeName }));
  const label = (r: (typeof items)[number]) => `${r.name} ${r.regionCode}`;
  return {
    items,
    chart: JSON.stringify({
      labels: items.map(label),
      series: [
        { name: translate(locale, 'claims.fields.budget'), data: items.map((r) => r.budget ?? 0) },
        { name: translate(locale, 'claims.fields.approved'), data: items.map((r) => r.approved) },
        { name: translate(locale, 'claims.fields.paid'), data: items.map((r) => r.paid) },
      ],
    }),
  };
}
