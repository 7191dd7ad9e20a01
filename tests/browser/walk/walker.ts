import { performance } from 'node:perf_hooks';
import type { Browser, BrowserContext, BrowserContextOptions, Page, Response } from 'playwright-core';
import { signInAs } from '../browser.ts';
import { axeViolations } from './axe.ts';
import { submitForm } from './form-submit.ts';
import { Frontier } from './frontier.ts';
import { probePage } from './page-probe.ts';
import { formKey, formRule, linkSkipReason } from './policy.ts';
import { TaskPool } from './task-pool.ts';
import { fillPlan, hasEditableFields, submitterIndex, type FillMode } from './typical-values.ts';
import type { Arrival, Failure, FormInfo, PageProbe } from './types.ts';
import { urlPattern } from './url-pattern.ts';
import { judgeLayout, judgeStatus, judgeText, PHONE_WIDTH } from './verdict.ts';

export interface DemoRole {
  name: string;
  /** A demo account from the README; none for a visitor who has not signed in. */
  username?: string;
  /**
   * Whether axe checks colour contrast on the pages this role reaches first (its costliest rule, about
   * 60 % of axe's time). On for the people the site serves; staff pages are built of the same
   * components and colours, so the walk leaves contrast there out to keep CI within its time.
   */
  contrast?: boolean;
}

export const DESKTOP_WIDTH = 1366;

export interface WalkPlan {
  baseUrl: string;
  roles: DemoRole[];
  /** Pages worked on at once, over all roles: the app renders one while Chromium lays out another. */
  workers: number;
  /** URLs visited per URL pattern and role: one `/fairs/:id` stands for every fair. */
  perPattern: number;
  /** A bound on each role's walk, in case a page links to endless new patterns. */
  maxPagesPerRole: number;
  timeout: number;
  today: Date;
  /** Told of each failure as it is found. */
  onFailure?: (failure: Failure) => void;
}

export interface RoleResult {
  role: string;
  /** Pages checked at phone width: reached by a link or where a form landed. */
  pages: number;
  /** Pages checked again at desktop width: one per pattern and template, over all roles. */
  desktopPages: number;
  /** One URL of each pattern the role reached (status below 400, by GET). */
  samples: Map<string, string>;
  /** Forms first met by this role (the same form met by another role later is not sent again). */
  forms: number;
  submissions: number;
  axeRuns: number;
  failures: Failure[];
  /** Forms not submitted and why. */
  skippedForms: string[];
  cutShort: number;
}

export type Phase = 'load' | 'probe' | 'axe' | 'submit' | 'desktop';

/** The slowest pages to load and to check with axe, for whoever makes the walk faster. */
export interface Slowest {
  phase: 'load' | 'axe' | 'submit';
  what: string;
  ms: number;
  /** When it began, in ms from the walk's start: slow steps at the same moment share a cause. */
  at: number;
}

export interface WalkReport {
  roles: RoleResult[];
  ms: number;
  /** Time spent in each phase, summed over workers, and how many times. */
  phases: Record<Phase, { count: number; ms: number }>;
  slowest: Slowest[];
  /**
   * How busy this process's event loop was during the walk (0-1). The app under test and the
   * browser's driver share it: near 1, more workers would only queue behind it.
   */
  busy: number;
}

/**
 * One window per page, resized from phone to desktop width to look at a page twice without
 * loading it twice. Not an emulated mobile device: the site's CSS asks only for the width (no
 * hover or pointer queries), and an emulated device would not be a desktop window once resized.
 */
const PHONE_VIEWPORT = { width: PHONE_WIDTH, height: 844 };
const DESKTOP_VIEWPORT = { width: DESKTOP_WIDTH, height: 900 };
const CONTEXT: BrowserContextOptions = { viewport: PHONE_VIEWPORT };

interface RoleWalk {
  role: DemoRole;
  context: BrowserContext;
  pages: Page[];
  frontier: Frontier;
  result: RoleResult;
}

/** A page to visit (and submit its forms), or a form found where another form landed. */
type Task =
  | { kind: 'visit'; walk: RoleWalk; url: string; via: string }
  | { kind: 'form'; walk: RoleWalk; pageUrl: string; form: FormInfo };

/**
 * Walks the site as every role at once: from the home page, each role follows every link and
 * submits every form it finds, one URL per pattern, checking each page at phone width and each
 * pattern and template again at desktop width (once over all roles). What costs most is done once over all roles: axe runs once per
 * pattern and page template, and a form met by several roles is submitted by the first.
 */
export async function walkSite(browser: Browser, plan: WalkPlan): Promise<WalkReport> {
  const started = Date.now();
  const loopAtStart = performance.eventLoopUtilization();
  const origin = new URL(plan.baseUrl).origin;
  const relative = (url: string) => url.replace(origin, '');
  const axeDone = new Set<string>();
  const desktopDone = new Set<string>();
  const formsDone = new Set<string>();
  let serial = Math.floor(Math.random() * 400);
  const phases = Object.fromEntries(
    (['load', 'probe', 'axe', 'submit', 'desktop'] as Phase[]).map((p) => [p, { count: 0, ms: 0 }]),
  ) as WalkReport['phases'];
  const slowest: Slowest[] = [];
  const timed = async <T>(phase: Phase, work: () => Promise<T>, what?: string): Promise<T> => {
    const start = Date.now();
    try {
      return await work();
    } finally {
      const ms = Date.now() - start;
      phases[phase].count += 1;
      phases[phase].ms += ms;
      if (what && (phase === 'load' || phase === 'axe' || phase === 'submit')) {
        slowest.push({ phase, what, ms, at: start - started });
        slowest.sort((a, b) => b.ms - a.ms).splice(12);
      }
    }
  };

  const newContext = async () => {
    const context = await browser.newContext(CONTEXT);
    // The test runner compiles with esbuild's keepNames, which wraps named functions in __name();
    // functions handed to page.evaluate carry those calls into a page that has no such helper.
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    return context;
  };
  const newPage = async (context: BrowserContext) => {
    const page = await context.newPage();
    page.setDefaultTimeout(plan.timeout);
    await withoutLiveBadge(context, page);
    return page;
  };
  /** A page of the role's pool for the task's duration; a page that crashed or closed is not given back. */
  const withPage = async <T>(walk: RoleWalk, work: (page: Page) => Promise<T>) => {
    const page = walk.pages.pop() ?? (await newPage(walk.context));
    try {
      return await work(page);
    } finally {
      if (!page.isClosed()) walk.pages.push(page);
    }
  };

  const fail = (walk: RoleWalk, width: number, url: string, via: string, problem: string) => {
    const failure = { role: walk.role.name, width, url: relative(url), via, problem };
    walk.result.failures.push(failure);
    plan.onFailure?.(failure);
  };

  const pool = new TaskPool<Task>(async (task) => {
    try {
      if (task.kind === 'visit') await withPage(task.walk, (page) => visit(task.walk, page, task.url, task.via));
      else await withPage(task.walk, (page) => submitAll(task.walk, page, task.pageUrl, task.form, false));
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      const url = task.kind === 'form' ? task.pageUrl : task.url;
      fail(task.walk, PHONE_WIDTH, url, task.kind, `the walk broke off: ${message}`);
    }
  });

  const queueLink = (walk: RoleWalk, target: URL, from: string) => {
    if (linkSkipReason(target, origin, false)) return;
    const url = walk.frontier.admit(target);
    if (url) pool.add({ kind: 'visit', walk, url, via: `link from ${from}` });
  };

  /** The forms of a page not yet sent by any role, less those the deny-list keeps the walk from. */
  const newForms = (walk: RoleWalk, forms: FormInfo[]): FormInfo[] =>
    forms.filter((form) => {
      const key = formKey(form);
      if (formsDone.has(key)) return false;
      formsDone.add(key);
      walk.result.forms += 1;
      const rule = formRule(form);
      if (rule?.mode !== 'never') return true;
      walk.result.skippedForms.push(`${key}: ${rule.why}`);
      return false;
    });

  /** The page again at desktop width: same page, same session, a wider window. */
  const lookAtDesktop = async (walk: RoleWalk, page: Page, via: string) => {
    await page.setViewportSize(DESKTOP_VIEWPORT);
    try {
      const probe = await timed('desktop', () => page.evaluate(probePage));
      walk.result.desktopPages += 1;
      // Text that only a wide layout shows (a column hidden on phones) is checked too.
      const problems = [...judgeText(probe), ...judgeLayout(probe.layout, DESKTOP_WIDTH)];
      for (const problem of problems) fail(walk, DESKTOP_WIDTH, page.url(), via, problem);
    } finally {
      await page.setViewportSize(PHONE_VIEWPORT);
    }
  };

  /**
   * Checks what the page shows now. A page reached by GET that belongs to this role (not to an
   * account a visitor's form just made) joins the walk: its links are queued, its pattern is looked
   * at on a desktop too, and its new forms are returned for the caller to submit.
   */
  const inspect = async (
    walk: RoleWalk,
    page: Page,
    response: Response | null,
    arrival: Arrival,
    via: string,
  ): Promise<{ probe: PageProbe; forms: FormInfo[]; queueLinks: () => void }> => {
    const url = page.url();
    walk.result.pages += 1;
    const status = response?.status() ?? 0;
    const probe = await timed('probe', () => page.evaluate(probePage));
    const problems = [
      ...(response ? judgeStatus(status, arrival, probe.fieldErrors, probe.banners) : []),
      ...judgeText(probe),
      ...judgeLayout(probe.layout, PHONE_WIDTH),
    ];
    if (status === 422 && probe.banners.length > 0 && probe.fieldErrors.length === 0) {
      problems.push(`shows only the banner "${probe.banners[0]}"`);
    }
    const method = response?.request().method() ?? 'GET';
    const pattern = urlPattern(new URL(url));
    // Once per route and template: a list filtered or paged (`?q`, `?page`) or showing a notice
    // (`?done`) is the same markup; a form sent back with its errors is not.
    const axeKey = `${pattern.split('?')[0]} ${probe.view}${status >= 400 ? ' refused' : ''}`;
    if (!axeDone.has(axeKey)) {
      axeDone.add(axeKey);
      walk.result.axeRuns += 1;
      const contrast = walk.role.contrast ?? true;
      problems.push(...(await timed('axe', () => axeViolations(page, { contrast }), relative(url))));
    }
    for (const problem of problems) fail(walk, PHONE_WIDTH, url, via, problem);

    const someoneElse = !walk.role.username && probe.forms.some((f) => new URL(f.action).pathname === '/logout');
    const none = () => {};
    if (status >= 400 || method !== 'GET' || someoneElse) return { probe, forms: [], queueLinks: none };
    walk.frontier.visited(new URL(url));
    if (!walk.result.samples.has(pattern)) {
      walk.result.samples.set(pattern, url);
      // At desktop width once per route and template over all roles, as axe: a wide window has
      // room to spare, and each role's menu row on a desktop has its own layout test.
      const desktopKey = `${pattern.split('?')[0]} ${probe.view}`;
      if (!desktopDone.has(desktopKey)) {
        desktopDone.add(desktopKey);
        await lookAtDesktop(walk, page, via);
      }
    }
    const queueLinks = () => {
      for (const link of probe.links) {
        if (!link.download) queueLink(walk, new URL(link.href), relative(url));
      }
    };
    return { probe, forms: newForms(walk, probe.forms), queueLinks };
  };

  const visit = async (walk: RoleWalk, page: Page, url: string, via: string) => {
    let response: Response | null;
    try {
      response = await timed('load', () => page.goto(url), relative(url));
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      // A link that downloads a file is not a page; the policy should have named it.
      if (/Download is starting/.test(message)) return;
      fail(walk, PHONE_WIDTH, url, via, `did not load: ${message}`);
      return;
    }
    const { forms, queueLinks } = await inspect(walk, page, response, 'link', via);
    // The page's forms go before its links: another page following a link (a notice's "open",
    // which marks it read) would change what the forms act on. The first form is sent from the
    // page as it was just checked; each later one reloads it. Last first: a page's forms on single
    // items (mark one notice read) come after its bulk actions (mark all read) in the page.
    const pageUrl = page.url();
    let pristine = true;
    try {
      for (const form of [...forms].reverse()) {
        await submitAll(walk, page, pageUrl, form, pristine);
        pristine = false;
      }
    } finally {
      queueLinks();
    }
  };

  /**
   * One form, in each way the issue asks for, each time from the page as served. A visitor's POST
   * form is sent from a context of its own: registering signs the new account in.
   */
  const submitAll = async (walk: RoleWalk, rolePage: Page, pageUrl: string, form: FormInfo, pristine: boolean) => {
    const key = formKey(form);
    const modes = fillModes(form);
    const own = form.method === 'post' && !walk.role.username ? await newContext() : undefined;
    try {
      const page = own ? await newPage(own) : rolePage;
      if (own) pristine = false;
      for (const fillMode of modes) {
        const arrival = arrivalOf(form, fillMode);
        const via = `${form.method.toUpperCase()} ${relative(form.action)} ${fillMode} from ${relative(pageUrl)}`;
        if (!pristine) await timed('load', () => page.goto(pageUrl), relative(pageUrl));
        pristine = false;
        // Found again by what it is, not only where it was: a form added above it (an "undo" after
        // hiding a job) moves it down the page.
        const found = (await page.evaluate(probePage)).forms;
        const atIndex = found[form.index];
        const same = atIndex && formKey(atIndex) === key ? atIndex : found.find((f) => formKey(f) === key);
        if (!same) {
          // The page changed under it (its record was dealt with), or the first submission did what
          // the form is for (registered for a fair): nothing to send.
          const when = fillMode === modes[0] ? 'before it was sent' : `after the ${modes[0]} submission`;
          walk.result.skippedForms.push(`${key}: gone from the page ${when}`);
          return;
        }
        serial += 1;
        const fills = fillPlan(same, fillMode, { today: plan.today, serial });
        walk.result.submissions += 1;
        const outcome = await timed(
          'submit',
          () => submitForm(page, same.index, fills, submitterIndex(same), plan.timeout),
          via,
        );
        if (outcome.kind === 'download') continue;
        if (outcome.kind === 'nothing') {
          fail(walk, PHONE_WIDTH, pageUrl, via, `nothing happened after submitting (${outcome.reason})`);
          continue;
        }
        // Forms on the page it landed on (a new record's page) are sent later, from that page.
        const landed = await inspect(walk, page, outcome.response, arrival, via);
        landed.queueLinks();
        for (const next of landed.forms) pool.add({ kind: 'form', walk, pageUrl: page.url(), form: next });
      }
    } finally {
      await own?.close();
    }
  };

  const walks: RoleWalk[] = await Promise.all(
    plan.roles.map(async (role) => {
      const context = await newContext();
      const first = await newPage(context);
      if (role.username) await signInAs(first, plan.baseUrl, role.username);
      const result: RoleResult = {
        role: role.name,
        pages: 0,
        desktopPages: 0,
        samples: new Map(),
        forms: 0,
        submissions: 0,
        axeRuns: 0,
        failures: [],
        skippedForms: [],
        cutShort: 0,
      };
      return { role, context, pages: [first], frontier: new Frontier(plan.perPattern, plan.maxPagesPerRole), result };
    }),
  );
  try {
    for (const walk of walks) queueLink(walk, new URL('/', plan.baseUrl), '(start)');
    await pool.drain(plan.workers);
  } finally {
    await Promise.all(walks.map((w) => w.context.close()));
  }
  for (const walk of walks) walk.result.cutShort = walk.frontier.cutShort;
  const busy = performance.eventLoopUtilization(loopAtStart).utilization;
  return { roles: walks.map((w) => w.result), ms: Date.now() - started, phases, slowest, busy };
}

/**
 * The live badge's socket is left out: each page would open a connection the walk never uses
 * (notifications.js then leaves the server-rendered badge as it is; the notifications browser test
 * covers the live part). Blocked in the browser's own network stack, not by a Playwright route: a
 * route makes every request of the page (each page, form and file) wait on a round trip to this
 * process, which the app under test shares. Static files need no help: pages name them by
 * versioned addresses the browser keeps (services/platform/http/static-assets.ts).
 */
async function withoutLiveBadge(context: BrowserContext, page: Page) {
  const session = await context.newCDPSession(page);
  await session.send('Network.enable');
  await session.send('Network.setBlockedURLs', { urls: ['*/socket.io/*'] });
}

/**
 * GET forms: as served, then with a typical value in every field. POST forms: empty, then with
 * typical values, unless the deny-list allows only the empty one or the form uploads a file.
 */
export function fillModes(form: FormInfo): FillMode[] {
  const editable = hasEditableFields(form);
  if (form.method === 'get') return editable ? ['defaults', 'typical'] : ['defaults'];
  if (formRule(form)?.mode === 'empty-only' || form.fields.some((f) => f.type === 'file')) return ['empty'];
  return editable ? ['empty', 'typical'] : ['typical'];
}

function arrivalOf(form: FormInfo, mode: FillMode): Arrival {
  if (form.method === 'get') return mode === 'defaults' ? 'get-defaults' : 'get-typical';
  return mode === 'empty' ? 'post-empty' : 'post-typical';
}
