import type { Browser } from 'playwright-core';
import { signInAs } from '../browser.ts';
import { PHONE_WIDTH } from './verdict.ts';
import { walkSite, type WalkResult, type WalkSettings } from './walker.ts';

export interface DemoRole {
  name: string;
  /** A demo account from the README; none for a visitor who has not signed in. */
  username?: string;
}

export const DEMO_ROLES: DemoRole[] = [
  { name: 'anonymous' },
  { name: 'labourer', username: 'labourer.demo' },
  { name: 'employer', username: 'employer.demo' },
  { name: 'county officer', username: 'officer.changting' },
  { name: 'province officer', username: 'officer.fujian' },
  { name: 'admin', username: 'admin' },
];

export const DESKTOP_WIDTH = 1366;

export interface WalkPlan {
  baseUrl: string;
  roles: DemoRole[];
  /** Roles walked at once, each in its own browser context. */
  concurrency: number;
  perPattern: number;
  maxPages: number;
  timeout: number;
  onFailure?: WalkSettings['onFailure'];
}

/**
 * Every role: the whole walk at phone width, where overflow shows first and where the site's users
 * are; then, at desktop width, one page of each pattern the phone walk reached.
 */
export async function walkRoles(browser: Browser, plan: WalkPlan): Promise<WalkResult[]> {
  let serial = Math.floor(Math.random() * 400);
  const base: Omit<WalkSettings, 'role' | 'width' | 'mode' | 'anonymous'> = {
    baseUrl: plan.baseUrl,
    perPattern: plan.perPattern,
    maxPages: plan.maxPages,
    nextSerial: () => (serial += 1),
    today: new Date(),
    timeout: plan.timeout,
    onFailure: plan.onFailure,
  };
  const walkRole = async (role: DemoRole): Promise<WalkResult[]> => {
    const phone = await browser.newContext({
      viewport: { width: PHONE_WIDTH, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const desktop = await browser.newContext({ viewport: { width: DESKTOP_WIDTH, height: 900 } });
    try {
      const phonePage = await phone.newPage();
      const desktopPage = await desktop.newPage();
      if (role.username) {
        await signInAs(phonePage, plan.baseUrl, role.username);
        await signInAs(desktopPage, plan.baseUrl, role.username);
      }
      const anonymous = !role.username;
      const full = await walkSite(phone, { ...base, role: role.name, width: PHONE_WIDTH, mode: 'full', anonymous });
      const patterns = await walkSite(desktop, {
        ...base,
        role: role.name,
        width: DESKTOP_WIDTH,
        mode: 'patterns',
        anonymous,
        samples: [...full.samples.values()],
      });
      return [full, patterns];
    } finally {
      await phone.close();
      await desktop.close();
    }
  };
  const queue = [...plan.roles];
  const results: WalkResult[][] = [];
  await Promise.all(
    Array.from({ length: Math.min(plan.concurrency, queue.length) }, async () => {
      for (let role = queue.shift(); role; role = queue.shift()) results.push(await walkRole(role));
    }),
  );
  const order = plan.roles.map((r) => r.name);
  return results.flat().sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role) || a.width - b.width);
}
