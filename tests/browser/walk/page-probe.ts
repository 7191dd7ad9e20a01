import type { PageProbe } from './types.ts';

/**
 * Reads everything the walk checks from the page in one round trip. It runs inside the browser
 * (page.evaluate serialises it), so it must not call anything outside its own body.
 */
export function probePage(): PageProbe {
  const hiddenCache = new Map<Element, boolean>();
  const isHidden = (element: Element | null): boolean => {
    if (!element || element === document.documentElement) return false;
    const known = hiddenCache.get(element);
    if (known !== undefined) return known;
    // Closed <details> still count as shown: a person opens them. `hidden` and display:none do not.
    const style = getComputedStyle(element);
    const hidden = style.display === 'none' || isHidden(element.parentElement);
    hiddenCache.set(element, hidden);
    return hidden;
  };
  const describe = (element: Element): string => {
    const id = element.id ? `#${element.id}` : '';
    const classes = Array.from(element.classList)
      .slice(0, 2)
      .map((c) => `.${c}`)
      .join('');
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `${element.tagName.toLowerCase()}${id}${classes}${text ? ` "${text}"` : ''}`;
  };
  const textOf = (element: Element | null | undefined): string =>
    (element as HTMLElement | null | undefined)?.innerText?.replace(/\s+/g, ' ').trim() ?? '';

  // Text a reader sees, leaving out what is marked as another language (the 中文/English switch)
  // or as code (ticket codes, identifiers people copy).
  const foreign = (element: Element): boolean => {
    if (element.closest('script, style, noscript, template, code, kbd, samp, [translate="no"]')) return true;
    const lang = element.closest('[lang]')?.getAttribute('lang') ?? '';
    return lang !== '' && !lang.toLowerCase().startsWith(document.documentElement.lang.toLowerCase().slice(0, 2));
  };
  const texts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const value = node.nodeValue?.trim();
    if (!parent || !value || foreign(parent) || isHidden(parent)) continue;
    texts.push(value);
  }
  const attributeTexts: string[] = [];
  for (const element of Array.from(document.body.querySelectorAll('[placeholder], [aria-label], [title], img[alt]'))) {
    if (foreign(element) || isHidden(element)) continue;
    for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
      const value = element.getAttribute(name)?.trim();
      if (value) attributeTexts.push(value);
    }
  }
  const fieldValues: string[] = [];
  for (const element of Array.from(document.body.querySelectorAll('input, textarea'))) {
    const field = element as HTMLInputElement;
    if (field.type !== 'hidden' && !isHidden(field) && field.value) fieldValues.push(field.value);
  }

  const fieldErrors: string[] = [];
  for (const element of Array.from(document.querySelectorAll('.field-error'))) {
    if (!isHidden(element) && textOf(element)) fieldErrors.push(textOf(element));
  }
  for (const element of Array.from(document.querySelectorAll('[aria-invalid="true"]'))) {
    if (!isHidden(element))
      fieldErrors.push(`${(element as HTMLInputElement).name || describe(element)} marked invalid`);
  }
  const banners: string[] = [];
  for (const element of Array.from(document.querySelectorAll('.form-error'))) {
    if (!isHidden(element) && textOf(element)) banners.push(textOf(element));
  }

  const links = Array.from(document.querySelectorAll('a[href]')).map((a) => ({
    href: (a as HTMLAnchorElement).href,
    download: a.hasAttribute('download'),
  }));

  const forms = Array.from(document.forms).map((form, index) => {
    const fields = Array.from(form.elements)
      .filter((element) => ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(element.tagName))
      .map((element) => {
        const field = element as HTMLInputElement & HTMLSelectElement;
        const label =
          textOf(field.labels?.[0]) ||
          field.getAttribute('aria-label') ||
          field.getAttribute('placeholder') ||
          textOf(field.closest('fieldset')?.querySelector('legend')) ||
          '';
        return {
          tag: field.tagName.toLowerCase(),
          type: field.type,
          name: field.name,
          label,
          value: field.value,
          checked: Boolean(field.checked),
          required: field.required,
          disabled: field.disabled,
          readOnly: Boolean(field.readOnly),
          options:
            field.tagName === 'SELECT'
              ? Array.from(field.options).map((o) => ({ value: o.value, label: o.text.trim(), disabled: o.disabled }))
              : [],
          min: field.getAttribute('min') ?? '',
          max: field.getAttribute('max') ?? '',
          step: field.getAttribute('step') ?? '',
          minLength: Number(field.getAttribute('minlength') ?? -1),
          maxLength: Number(field.getAttribute('maxlength') ?? -1),
          pattern: field.getAttribute('pattern') ?? '',
          inputMode: field.getAttribute('inputmode') ?? '',
          autocomplete: field.getAttribute('autocomplete') ?? '',
        };
      });
    return {
      index,
      method: (form.method.toLowerCase() === 'post' ? 'post' : 'get') as 'get' | 'post',
      action: form.action,
      enctype: form.enctype,
      fields,
    };
  });

  // Geometry: what reaches past the viewport's right edge or out of its card. A box inside a
  // scrolling or clipping container is that container's business (wide tables scroll on purpose).
  const clipCache = new Map<Element, boolean>();
  const clipsX = (element: Element): boolean => {
    const known = clipCache.get(element);
    if (known !== undefined) return known;
    const clips = getComputedStyle(element).overflowX !== 'visible';
    clipCache.set(element, clips);
    return clips;
  };
  // From `first` up to `top` (included) or the body: is there a box that scrolls or clips?
  const clippedFrom = (first: Element | null, top: Element | null): boolean => {
    for (let p = first; p && p !== document.body; p = p.parentElement) {
      if (clipsX(p)) return true;
      if (p === top) return false;
    }
    return false;
  };
  // A text node is measured through a range and stands for its parent element; `inside` is where
  // its containers start (the parent itself for text, the parent element for an element).
  const boxes: { element: Element; inside: Element | null; rect: DOMRect }[] = [];
  for (const element of Array.from(document.body.querySelectorAll('*'))) {
    if (isHidden(element) || element.closest('script, style, template')) continue;
    const rect = element.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) continue;
    const style = getComputedStyle(element);
    if (style.position === 'fixed' || style.visibility === 'hidden') continue;
    boxes.push({ element, inside: element.parentElement, rect });
  }
  const textWalker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = textWalker.nextNode(); node; node = textWalker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !node.nodeValue?.trim() || isHidden(parent) || parent.closest('script, style, template')) continue;
    range.selectNodeContents(node);
    const rect = range.getBoundingClientRect();
    if (rect.width > 1 && rect.height > 1) boxes.push({ element: parent, inside: parent, rect });
  }

  const viewportWidth = document.documentElement.clientWidth;
  const pastViewport: { element: string; container: string; by: number }[] = [];
  const seenPast = new Set<Element>();
  for (const { element, inside, rect } of boxes) {
    const by = Math.round(rect.right - viewportWidth);
    if (by <= 1 || clippedFrom(inside, null) || seenPast.has(element)) continue;
    // The outermost box that spills names the culprit; its children spill with it.
    let ancestorSpills = false;
    for (let p = element.parentElement; p && p !== document.body; p = p.parentElement) {
      if (seenPast.has(p)) ancestorSpills = true;
    }
    seenPast.add(element);
    if (!ancestorSpills) pastViewport.push({ element: describe(element), container: 'viewport', by });
  }

  const outOfCard: { element: string; container: string; by: number }[] = [];
  const seenCard = new Set<Element>();
  for (const { element, inside, rect } of boxes) {
    const card = inside?.closest('.card');
    if (!card) continue;
    const cardRect = card.getBoundingClientRect();
    const by = Math.round(Math.max(cardRect.left - rect.left, rect.right - cardRect.right));
    if (by <= 1 || clippedFrom(inside, card) || seenCard.has(element)) continue;
    let ancestorSpills = false;
    for (let p = inside; p && p !== card; p = p.parentElement) {
      if (p !== element && seenCard.has(p)) ancestorSpills = true;
    }
    seenCard.add(element);
    if (!ancestorSpills) outOfCard.push({ element: describe(element), container: describe(card).slice(0, 60), by });
  }

  return {
    lang: document.documentElement.lang,
    title: document.title,
    view: document.body.dataset.view ?? '',
    text: texts.join('\n'),
    attributeText: attributeTexts.join('\n'),
    fieldValues,
    fieldErrors,
    banners,
    links,
    forms,
    layout: {
      viewportWidth,
      documentWidth: document.documentElement.scrollWidth,
      pastViewport: pastViewport.slice(0, 5),
      outOfCard: outOfCard.slice(0, 5),
    },
  };
}
