import type { BrowserContext, Response } from 'playwright-core';
import { axeViolations } from './axe.ts';
import { formKey, formRule, linkSkipReason } from './policy.ts';
import { Frontier } from './frontier.ts';
import { probePage } from './page-probe.ts';
import { submitForm } from './form-submit.ts';
import { fillPlan, hasEditableFields, submitterIndex, type FillMode } from './typical-values.ts';
import { urlPattern } from './url-pattern.ts';
import type { Arrival, Failure, FormInfo, PageProbe } from './types.ts';
import { judgeLayout, judgeStatus, judgeText } from './verdict.ts';

export interface WalkSettings {
  baseUrl: string;
  role: string;
  width: number;
  /**
   * `full`: from the home page, every link and every form. `patterns`: one page of each pattern
   * (the samples of a full walk at another width, plus any pattern only this width shows); no forms.
   */
  mode: 'full' | 'patterns';
  /** For `patterns`: the pages to look at. */
  samples?: string[];
  perPattern: number;
  maxPages: number;
  /** Shared by concurrent walks, so unique values (ID numbers, user names) never repeat. */
  nextSerial: () => number;
  today: Date;
  timeout: number;
  /**
   * A visitor who is not signed in: a form that signs someone in (registering, for one) is checked,
   * then the walk signs out again so it goes on as a visitor.
   */
  anonymous: boolean;
  /** Told of each failure as it is found, for a long walk's progress. */
  onFailure?: (failure: Failure) => void;
}

export interface WalkResult {
  role: string;
  width: number;
  mode: WalkSettings['mode'];
  pages: number;
  submissions: number;
  axeRuns: number;
  /** One URL for each page pattern reached: what a walk at another width visits. */
  samples: Map<string, string>;
  failures: Failure[];
  /** Forms not submitted and why, once per form. */
  skippedForms: string[];
  /** URLs left queued when the page budget ran out. */
  cutShort: number;
  ms: number;
}

/** Walks the site as the signed-in user of `context` (or anonymously) and reports what is wrong. */
export async function walkSite(context: BrowserContext, settings: WalkSettings): Promise<WalkResult> {
  const started = Date.now();
  const { baseUrl, role, width, mode } = settings;
  const origin = new URL(baseUrl).origin;
  // The test runner compiles with esbuild's keepNames, which wraps named functions in __name();
  // functions handed to page.evaluate carry those calls into a page that has no such helper.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(settings.timeout);
  const result: WalkResult = {
    role,
    width,
    mode,
    pages: 0,
    submissions: 0,
    axeRuns: 0,
    samples: new Map(),
    failures: [],
    skippedForms: [],
    cutShort: 0,
    ms: 0,
  };
  const frontier = new Frontier(mode === 'full' ? settings.perPattern : 1, settings.maxPages);
  const axeDone = new Set<string>();
  const formsDone = new Set<string>();
  const relative = (url: string) => url.replace(origin, '');
  const fail = (url: string, via: string, problem: string) => {
    const failure = { role, width, url: relative(url), via, problem };
    result.failures.push(failure);
    settings.onFailure?.(failure);
  };

  /** Checks the page the browser shows now; queues its links; returns what it read. */
  const inspect = async (response: Response | null, arrival: Arrival, via: string): Promise<PageProbe | undefined> => {
    const url = page.url();
    result.pages += 1;
    const status = response?.status() ?? 0;
    const probe = await page.evaluate(probePage);
    const problems = [
      ...(response ? judgeStatus(status, arrival, probe.fieldErrors) : []),
      ...judgeText(probe),
      ...judgeLayout(probe.layout, width),
    ];
    if (status === 422 && probe.banners.length > 0 && probe.fieldErrors.length === 0) {
      problems.push(`shows only the banner "${probe.banners[0]}"`);
    }
    const pattern = urlPattern(new URL(url));
    if (status < 400 && !result.samples.has(pattern)) result.samples.set(pattern, url);
    const axeKey = arrival === 'post-empty' ? `${pattern} refused` : pattern;
    if (!axeDone.has(axeKey)) {
      axeDone.add(axeKey);
      result.axeRuns += 1;
      problems.push(...(await axeViolations(page)));
    }
    for (const problem of problems) fail(url, via, problem);
    for (const link of probe.links) {
      const target = new URL(link.href);
      if (linkSkipReason(target, origin, link.download)) continue;
      // In `patterns` mode the frontier holds one URL per pattern: only patterns new at this width get in.
      frontier.add(target, relative(url));
    }
    return probe;
  };

  const submitAll = async (pageUrl: string, forms: FormInfo[]) => {
    let pristine = true;
    for (const form of forms) {
      const key = formKey(form);
      if (formsDone.has(key)) continue;
      formsDone.add(key);
      const rule = formRule(form);
      if (rule?.mode === 'never') {
        result.skippedForms.push(`${key}: ${rule.why}`);
        continue;
      }
      const modes: FillMode[] =
        form.method === 'get'
          ? hasEditableFields(form)
            ? ['defaults', 'typical']
            : ['defaults']
          : rule?.mode === 'empty-only' || form.fields.some((f) => f.type === 'file')
            ? ['empty']
            : !hasEditableFields(form)
              ? ['typical']
              : ['empty', 'typical'];
      for (const fillMode of modes) {
        const arrival: Arrival =
          form.method === 'get'
            ? fillMode === 'defaults'
              ? 'get-defaults'
              : 'get-typical'
            : fillMode === 'empty'
              ? 'post-empty'
              : 'post-typical';
        const via = `${form.method.toUpperCase()} ${relative(form.action)} ${fillMode} from ${relative(pageUrl)}`;
        // Each submission starts from the page as served, so one's values do not leak into the next.
        if (!pristine) await page.goto(pageUrl);
        pristine = false;
        const current = (await page.evaluate(probePage)).forms[form.index];
        if (!current || formKey(current) !== key) {
          // The first submission did what the form is for (registered for a fair): nothing to resend.
          result.skippedForms.push(`${key}: gone after the ${modes[0]} submission`);
          continue;
        }
        const fills = fillPlan(current, fillMode, { today: settings.today, serial: settings.nextSerial() });
        result.submissions += 1;
        const outcome = await submitForm(page, form.index, fills, submitterIndex(current), settings.timeout);
        if (outcome.kind === 'download') continue;
        if (outcome.kind === 'nothing') {
          fail(pageUrl, via, `nothing happened after submitting (${outcome.reason})`);
          continue;
        }
        const landedProbe = await inspect(outcome.response, arrival, via);
        if (settings.anonymous && landedProbe?.forms.some((f) => new URL(f.action).pathname === '/logout')) {
          await context.clearCookies();
        }
        const landed = new URL(page.url());
        if ((outcome.response?.status() ?? 0) < 400) frontier.add(landed, relative(pageUrl));
      }
    }
  };

  const visit = async (url: string, via: string) => {
    let response: Response | null;
    try {
      response = await page.goto(url);
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      // A link that downloads a file is not a page; the policy should have named it.
      if (/Download is starting/.test(message)) return;
      fail(url, via, `did not load: ${message}`);
      return;
    }
    const probe = await inspect(response, 'link', via);
    if (mode === 'full' && probe && (response?.status() ?? 0) < 400) await submitAll(page.url(), probe.forms);
  };

  if (mode === 'full') frontier.add(new URL('/', baseUrl), '(start)');
  for (const sample of settings.samples ?? []) frontier.add(new URL(sample), '(pattern of the full walk)');
  for (let next = frontier.next(); next; next = frontier.next()) {
    await visit(next.url, `link from ${next.from}`);
  }
  result.cutShort = frontier.left;
  result.ms = Date.now() - started;
  return result;
}
