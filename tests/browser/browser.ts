import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { DEMO_PASSWORD } from '../../prisma/seed/demo.ts';
import { loadConfig } from '../../services/platform/config/config.ts';
import { type RunningApp, startServer } from '../../services/server.ts';

/** Playwright's own browser download cannot reach its servers here: use Debian's Chromium. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots go; test-results/ is git-ignored. */
export const RESULTS_DIR = path.resolve(import.meta.dirname, '../../test-results/browser');

// Playwright adds --headless itself for `headless: true`; the rest keep Chromium from calling home,
// which would hang or slow a machine that only reaches the npm registry and apt.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * A fresh browser session: a context of its own (cookies, storage and cache start empty, as in a
 * new profile) in the one Chromium this test process shares between its files' sessions. Starting
 * a Chromium for every session cost more than most of the tests it served. Options are the
 * context's: viewport, locale, `javaScriptEnabled`...
 */
export async function openBrowser(options: BrowserContextOptions = {}): Promise<BrowserSession> {
  const context = await (await sharedChromium()).newContext(options);
  const page = await context.newPage();
  return { context, page, close: () => context.close() };
}

let shared: Promise<Browser> | undefined;

/** Launched at the first session; Playwright stops it when the test process ends. */
function sharedChromium(): Promise<Browser> {
  shared ??= launchChromium().then((browser) => {
    browser.on('disconnected', () => (shared = undefined));
    return browser;
  });
  return shared;
}

/** One Chromium for many contexts (each context has its own cookies): cheaper than a browser per session. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A phone of the kind job seekers carry: 360 CSS pixels wide. Drawn at one device pixel per CSS
 * pixel: layout, text and overflow are the same in CSS pixels at any density, and a density of 2
 * made Chromium paint four times the pixels on every frame of every test.
 */
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/**
 * The whole app in its embedded shape (PGlite in a temp DATA_DIR, Meilisearch started by the app)
 * with the demo province, on a copy of the data directory seeded once for the run
 * (tests/setup/global-demo-template.ts). A database or search server from the environment would not
 * be fresh. No scheduled push campaign runs, so no notice arrives unless a test causes it.
 */
export async function startDemoApp(): Promise<{ running: RunningApp; stop(): Promise<void> }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'workbridge-browser-'));
  const template = inject('demoTemplateDir');
  // The lock file names a process of the template run; a copy must start unlocked.
  await fs.cp(template, dataDir, { recursive: true, filter: (source) => path.basename(source) !== 'workbridge.lock' });
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.DATABASE_URL;
  delete env.MEILI_URL;
  delete env.REDIS_URL;
  const running = await startServer(
    loadConfig({ ...env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', PUSH_EVERY_MINUTES: '0' }),
  );
  return {
    running,
    stop: async () => {
      await running.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The demo app for the calling test file: started before its tests, stopped after them (after the
 * file's own afterAll hooks, which close its browsers). `running` is there once the tests run.
 */
export function demoAppForFile(): { readonly running: RunningApp } {
  let app: Awaited<ReturnType<typeof startDemoApp>> | undefined;
  beforeAll(async () => {
    app = await startDemoApp();
  });
  afterAll(async () => {
    await app?.stop();
  });
  return {
    get running() {
      if (!app) throw new Error('The demo app has not started');
      return app.running;
    },
  };
}

/**
 * Signs a demo account in through the login form and waits for the page it lands on: the home
 * page, or where home sends the role (a volunteer matchmaker's pairings).
 */
export async function signInAs(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await Promise.all([
    page.waitForURL((url) => url.origin === new URL(baseUrl).origin && url.pathname !== '/login'),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
}
