import { parse } from 'node-html-parser';

/**
 * The fields a browser would submit from the form posting to `action`, as it shows them:
 * text as filled in, ticked boxes and chosen options only. Lets a test submit a page's own form
 * unchanged.
 */
export function formFields(html: string, action: string): Record<string, string[]> {
  const form = parse(html)
    .querySelectorAll('form')
    .find((f) => f.getAttribute('action') === action && (f.getAttribute('method') ?? 'get').toLowerCase() === 'post');
  if (!form) throw new Error(`No form posting to ${action}`);
  const fields: Record<string, string[]> = {};
  const add = (name: string | undefined, value: string) => {
    if (name) (fields[name] ??= []).push(value);
  };
  for (const element of form.querySelectorAll('input, select, textarea')) {
    if (element.hasAttribute('disabled')) continue;
    const name = element.getAttribute('name');
    if (element.tagName === 'TEXTAREA') add(name, element.textContent);
    else if (element.tagName === 'SELECT') {
      const options = element.querySelectorAll('option');
      const chosen = options.filter((o) => o.hasAttribute('selected'));
      const picked = chosen.length || element.hasAttribute('multiple') ? chosen : options.slice(0, 1);
      for (const option of picked) add(name, option.getAttribute('value') ?? option.textContent);
    } else {
      const type = (element.getAttribute('type') ?? 'text').toLowerCase();
      if (['submit', 'button', 'image', 'file', 'reset'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !element.hasAttribute('checked')) continue;
      add(name, element.getAttribute('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : ''));
    }
  }
  return fields;
}
