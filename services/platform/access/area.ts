/**
 * Where figures are counted: one region prefix ('' everything, '35' a province, '350821' a county)
 * or several at once (the key counties of a province, summed in one pass rather than one by one).
 */
export type Area = string | readonly string[];

/** The area's region prefixes. */
export const areaPrefixes = (area: Area): readonly string[] => (typeof area === 'string' ? [area] : area);

/** Whether a region code lies within the area. */
export const inArea = (area: Area, code: string): boolean => areaPrefixes(area).some((p) => code.startsWith(p));

/** The area as one prefix when it is one (a province, city or county), else null. */
export const singlePrefix = (area: Area): string | null => {
  const prefixes = areaPrefixes(area);
  return prefixes.length === 1 ? prefixes[0]! : null;
};
