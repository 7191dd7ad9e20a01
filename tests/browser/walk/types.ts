/** What the walk reads from a page in the browser, and what it concludes. Plain data: it crosses page.evaluate. */

export interface OptionInfo {
  value: string;
  label: string;
  disabled: boolean;
}

export interface FieldInfo {
  /** `input`, `select`, `textarea` or `button`. */
  tag: string;
  /** The element's `type`: `text`, `date`, `checkbox`, `select-one`, `textarea`, `submit`... */
  type: string;
  name: string;
  label: string;
  value: string;
  checked: boolean;
  required: boolean;
  disabled: boolean;
  readOnly: boolean;
  options: OptionInfo[];
  min: string;
  max: string;
  step: string;
  minLength: number;
  maxLength: number;
  pattern: string;
  inputMode: string;
  autocomplete: string;
}

export interface FormInfo {
  /** Position in `document.forms`: how the walk finds the form again after reloading the page. */
  index: number;
  method: 'get' | 'post';
  /** Absolute URL the form submits to. */
  action: string;
  enctype: string;
  fields: FieldInfo[];
}

export interface LinkInfo {
  href: string;
  /** Has a `download` attribute: the browser saves it instead of showing a page. */
  download: boolean;
}

/** A box that reaches outside what should hold it, described so a person can find it. */
export interface Spill {
  element: string;
  container: string;
  /** CSS pixels past the container's edge (the larger of left and right). */
  by: number;
}

export interface LayoutProbe {
  viewportWidth: number;
  documentWidth: number;
  /** Elements or text reaching past the right edge of the viewport, outside any scrolling box. */
  pastViewport: Spill[];
  /** Elements or text reaching out of the `.card` that holds them, outside any scrolling box. */
  outOfCard: Spill[];
}

export interface PageProbe {
  lang: string;
  title: string;
  /** The template the server rendered (`data-view` on the body): pages of one pattern may differ by role. */
  view: string;
  /** Visible text outside elements marked as another language or as code. */
  text: string;
  /** Visible accessible-name attributes (placeholder, aria-label, title, alt), for the language check. */
  attributeText: string;
  /** Current values of visible form fields, for the check on `undefined`, `null`... */
  fieldValues: string[];
  /** Visible field-level error messages and fields marked `aria-invalid`. */
  fieldErrors: string[];
  /** Visible form-level error banners (`.form-error`). */
  banners: string[];
  links: LinkInfo[];
  forms: FormInfo[];
  layout: LayoutProbe;
}

/** How the walk reached a page: the rules differ (an empty POST may answer 422, a link may not). */
export type Arrival = 'link' | 'get-defaults' | 'get-typical' | 'post-empty' | 'post-typical';

export interface Failure {
  role: string;
  width: number;
  url: string;
  /** How the page was reached, and from where. */
  via: string;
  problem: string;
}
