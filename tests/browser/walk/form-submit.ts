import type { Page, Response } from 'playwright-core';
import type { Fill } from './typical-values.ts';

/**
 * Fills a form of the loaded page and submits it as a person would, by its submit button, with the
 * browser's own validation off so the server's answer to missing and wrong values is what is
 * tested. Runs in the page: must not call anything outside its own body.
 */
function fillAndSubmit(args: { formIndex: number; fills: Fill[]; submitter: number | undefined }): void {
  const form = document.forms[args.formIndex];
  if (!form) throw new Error(`no form #${args.formIndex}`);
  const elements = Array.from(form.elements).filter((e) =>
    ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(e.tagName),
  );
  for (const fill of args.fills) {
    const element = elements[fill.index] as HTMLInputElement & HTMLSelectElement;
    if (!element) continue;
    if (fill.kind === 'value') element.value = fill.value;
    else if (fill.kind === 'checked') element.checked = fill.checked;
    else for (const option of Array.from(element.options)) option.selected = fill.values.includes(option.value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
    element.dispatchEvent(new Event('change', { bubbles: true }));
  }
  form.noValidate = true;
  const submitter = args.submitter === undefined ? undefined : (elements[args.submitter] as HTMLButtonElement);
  form.requestSubmit(submitter);
}

export type Submission =
  { kind: 'page'; response: Response | null } | { kind: 'download' } | { kind: 'nothing'; reason: string };

/** Submits and waits for the page the browser lands on (after any redirect), or a download. */
export async function submitForm(
  page: Page,
  formIndex: number,
  fills: Fill[],
  submitter: number | undefined,
  timeout: number,
): Promise<Submission> {
  const navigation = page
    .waitForNavigation({ waitUntil: 'load', timeout })
    .then((response) => ({ kind: 'page' as const, response }));
  const download = page.waitForEvent('download', { timeout }).then(async (d) => {
    await d.cancel();
    return { kind: 'download' as const };
  });
  navigation.catch(() => {});
  download.catch(() => {});
  await page.evaluate(fillAndSubmit, { formIndex, fills, submitter });
  try {
    return await Promise.race([navigation, download]);
  } catch (error) {
    return { kind: 'nothing', reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}
