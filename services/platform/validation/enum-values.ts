/**
 * The values of an enum of the database schema (`services/platform/database/generated/enums.ts`),
 * in the schema's order: the one list that forms, filters and exports iterate, so a value added to
 * the schema reaches them all. (`z.enum(Enum)` takes the enum object itself.)
 */
export function enumValues<const E extends Record<string, string>>(values: E): ReadonlyArray<E[keyof E]> {
  return Object.freeze(Object.values(values) as Array<E[keyof E]>);
}
