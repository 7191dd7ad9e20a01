import { urlPattern } from './url-pattern.ts';
import type { FormInfo } from './types.ts';

/**
 * What the walk leaves alone. Links: whatever is not a page of this site. Forms: whatever would
 * erase, delete, sign out, or reach people outside the test (notices, text messages), or take a
 * decision that other roles' walks, running at the same time, would then see as a changed world.
 * Everything else is followed or submitted, so a later module's pages are walked without a line here.
 */

/** Why a link is not followed, or undefined to follow it. */
export function linkSkipReason(url: URL, origin: string, download: boolean): string | undefined {
  if (url.origin !== origin) return 'another site or scheme (tel:, mailto:)';
  if (download) return 'a download';
  // Exports answer with a file, not a page (CSV, XLSX, error reports).
  if (url.searchParams.has('format') || /\/(export|error-report)$/.test(url.pathname)) return 'an export download';
  // Switching language changes the session's language: the rest of the walk would read English.
  if (url.searchParams.has('lang')) return 'the language switch';
  // Not pages of the site: the JSON API, its OpenAPI browser (Swagger's own English UI), health
  // probes, static assets and the socket.io endpoint.
  if (/^\/(api|docs|static|socket\.io)(\/|$)/.test(url.pathname)) return 'not a page (API, docs, assets)';
  if (/^\/(healthz|readyz)$/.test(url.pathname)) return 'a health probe';
  if (url.pathname === '/logout') return 'signs out';
  return undefined;
}

export type FormRule = {
  /** Matches the action's URL pattern (see url-pattern.ts), for a POST form. */
  action: RegExp;
  /** Further narrows the rule to forms sending these hidden values (e.g. status=closed). */
  sends?: Record<string, string>;
  /** `never`: not submitted at all; `empty-only`: only the empty submission, which is refused. */
  mode: 'never' | 'empty-only';
  why: string;
};

/** The explicit deny-list of POST forms. Each entry says why; keep it short. */
export const FORM_RULES: FormRule[] = [
  { action: /^\/logout$/, mode: 'never', why: 'signs out' },
  { action: /^\/labourers\/:id\/erase$/, mode: 'never', why: "erases a person's personal data" },
  { action: /^\/notifications\/broadcasts$/, mode: 'never', why: 'sends a notice and text messages to a whole region' },
  {
    action: /^\/fairs\/:id\/invitations$/,
    mode: 'never',
    why: 'sends invitations (notices and text messages) to matched people',
  },
  { action: /^\/employer\/candidates\/invite$/, mode: 'never', why: 'invites a person: a notice and a text message' },
  {
    action: /^\/cooperation\/batches\/:id\/departure$/,
    mode: 'never',
    why: 'records a departure and notifies every member',
  },
  {
    action: /^\/pushes\/run$/,
    mode: 'never',
    why: 'runs a push campaign: notices and text messages to every willing person, minutes of work',
  },
  {
    action: /^\/fairs\/:id\/state$/,
    mode: 'never',
    why: "moves a fair's state machine, which does not move back (open, start, close, cancel)",
  },
  {
    action: /^\/applications\/:id\/transitions$/,
    mode: 'never',
    why: 'moves an application, which does not move back (withdraw, reject, hire...)',
  },
  { action: /^\/subsidies\/decisions$/, mode: 'never', why: "decides a hire's subsidy, which is final" },
  {
    action: /^\/subsidies\/claims\/:id\/transitions$/,
    mode: 'never',
    why: 'moves a subsidy claim (check, approve, reject, pay), which does not move back',
  },
  {
    action: /^\/subsidies\/programmes\/[a-z_]+\/settings$/,
    mode: 'empty-only',
    why: "changes a region's subsidy rule, which every other walk's claims would then follow",
  },
  {
    action: /^\/employers\/:id\/verify$/,
    mode: 'never',
    why: "verifies or withdraws an employer: publishes or hides all of its jobs for the other roles' walks",
  },
  {
    action: /^\/fairs\/:id\/employers\/:id\/decision$/,
    mode: 'never',
    why: "approves or rejects an employer's place at a fair",
  },
  {
    action: /^\/imports\/:id\/duplicates\/:id$/,
    mode: 'never',
    why: 'resolves a held duplicate of an import (merges or keeps), which is final',
  },
  {
    action: /^\/cooperation\/batches\/:id\/members\/:id\/arrival$/,
    mode: 'never',
    why: "confirms a person's arrival (or no-show), which is final",
  },
  {
    action: /^\/employer\/vacancies\/:id\/status$/,
    sends: { status: 'closed' },
    mode: 'never',
    why: 'closes a vacancy for good',
  },
  {
    action: /^\/employer\/vacancies\/:id\/status$/,
    sends: { status: 'paused' },
    mode: 'never',
    why: "takes a vacancy off the job list while the visitor's and job seeker's walks follow links to it",
  },
  {
    action: /^\/fairs\/:id\/check-ins\/bulk$/,
    mode: 'empty-only',
    why: 'checks the chosen people in; checking in is not undone',
  },
  {
    action: /^\/fairs\/:id\/(check-in|walk-in)$/,
    mode: 'empty-only',
    why: 'checks a person in at the entrance (by ticket code or ID number); checking in is not undone',
  },
  {
    action: /^\/fairs\/:id\/employer\/interactions$/,
    mode: 'empty-only',
    why: 'records an interview or offer against a person at a fair',
  },
  {
    action: /^\/graduates\/pair-all$/,
    mode: 'never',
    why: "pairs every graduate without work of the region with matchmakers: the other roles' walks would see them paired",
  },
  { action: /^\/graduates\/:id\/pairing\/end$/, mode: 'never', why: "ends a graduate's matchmaker pairing for good" },
  {
    action: /^\/graduates\/:id\/(status|pairing)$/,
    mode: 'empty-only',
    why: "changes a graduate's status (ending the pairing) or pairs them: other walks would see it",
  },
  {
    action: /^\/matchmaker\/pairings\/:id\/referrals$/,
    mode: 'never',
    why: 'applies for the graduate (a notice to the employer), which is not undone',
  },
  {
    action: /^\/graduates\/:id\/subsidy$/,
    mode: 'never',
    why: "submits the graduate's one-time 2,000-yuan subsidy claim, which is not undone",
  },
  {
    action: /^\/matchmaker\/volunteers\/:id\/state$/,
    mode: 'never',
    why: "stops a volunteer's account: the volunteer's own walk would be signed out",
  },
  {
    action: /^\/matchmaker\/volunteers$/,
    mode: 'empty-only',
    why: 'opens a volunteer account, whose username is taken for good',
  },
  {
    action: /^\/training\/providers$/,
    mode: 'empty-only',
    why: 'records a training provider and opens its account, whose name and username are taken for good',
  },
  {
    action: /^\/training\/courses\/:id\/provider$/,
    mode: 'never',
    why: "gives a course to a training provider or takes it back: the provider's own walk would gain or lose it",
  },
  {
    action: /^\/graduates\/new$/,
    mode: 'empty-only',
    why: 'a graduate is someone already in the registry: a made-up ID number is refused (422)',
  },
  {
    action: /^\/technical-schools$/,
    mode: 'empty-only',
    why: 'a child is recorded through a registered poor family member: a made-up ID number is refused (422)',
  },
  {
    action: /^\/technical-schools\/students\/:id\/aid$/,
    mode: 'empty-only',
    why: "records a student's aid for a term: the other officers' walks would then be refused the same kind and term (409)",
  },
  {
    action: /^\/technical-schools\/students\/:id\/internships$/,
    mode: 'empty-only',
    why: "records a student's internship: the other officers' walks would see a list grown by one",
  },
  {
    action: /^\/technical-schools\/students\/:id\/graduation$/,
    mode: 'empty-only',
    why: 'graduates a student (not undone): the aid and internship forms of the other walks would vanish',
  },
  {
    action: /^\/training\/targets\/:id\/delete$/,
    mode: 'never',
    why: "removes a region's yearly training target, which the other walks' dashboards and reports then sum anew",
  },
  {
    action: /^\/talent\/(catalogue|campaigns)\/recruits$/,
    mode: 'empty-only',
    why: 'a reserved post takes a registered poor person of the county, read from the registry: a made-up ID number is refused (422)',
  },
  {
    action: /^\/sanzhiyifu\/plans$/,
    mode: 'empty-only',
    why: "one 三支一扶 plan a year: the demo holds this year's, so a second is refused (409)",
  },
  {
    action: /^\/(employer\/subsidies|my-subsidies|subsidies\/claims\/new)$/,
    mode: 'empty-only',
    why: "files a subsidy claim the officers' walks would then see; a second on the same subject is refused (409)",
  },
  {
    action: /^\/(employer\/subsidies|my-subsidies)\/:id\/(submit|withdraw)$/,
    mode: 'never',
    why: "submits one's own draft claim (not undone) or withdraws it (removed)",
  },
  // Typical values here are a wrong password: counted by the sign-in rate limit, answered 401.
  {
    action: /^\/login$/,
    mode: 'empty-only',
    why: 'a made-up password is refused (401) and counts against the rate limit',
  },
];

/** The rule that applies to a form, if any. GET forms change nothing and are always submitted. */
export function formRule(form: FormInfo, rules: FormRule[] = FORM_RULES): FormRule | undefined {
  if (form.method !== 'post') return undefined;
  const pattern = urlPattern(new URL(form.action)).split('?')[0] ?? '';
  return rules.find(
    (rule) =>
      rule.action.test(pattern) &&
      Object.entries(rule.sends ?? {}).every(([name, value]) =>
        form.fields.some((f) => f.type === 'hidden' && f.name === name && f.value === value),
      ),
  );
}

/**
 * The key a form is submitted once for: its method, its action's pattern, its field names and its
 * fixed hidden values (three "change status" buttons are three forms; 2,400 profile forms are one).
 */
export function formKey(form: FormInfo): string {
  const fields = form.fields
    .filter((f) => f.name !== '' && f.name !== '_csrf')
    .map((f) => (f.type === 'hidden' && !/\d/.test(f.value) ? `${f.name}=${f.value}` : f.name));
  return `${form.method.toUpperCase()} ${urlPattern(new URL(form.action))} [${[...new Set(fields)].sort().join(',')}]`;
}
