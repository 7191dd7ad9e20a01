/** A urlencoded form body as @fastify/formbody gives it: a repeated field arrives as a list. */
export type FormBody = Record<string, string | string[] | undefined>;

/** A submitted field as trimmed text; an empty field is absent. */
export function field(body: FormBody, name: string): string | undefined {
  const raw = body[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
}

/** Every value of a repeated field (checkboxes, multi-selects), trimmed, empty ones dropped. */
export function fieldList(body: FormBody, name: string): string[] {
  const raw = body[name];
  return (Array.isArray(raw) ? raw : raw ? [raw] : []).map((v) => v.trim()).filter(Boolean);
}
