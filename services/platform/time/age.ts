/** Whole years of age on `today` (calendar dates, UTC), as the registry and the plan count them. */
export function ageOn(birthDate: Date, today = new Date()): number {
  const age = today.getUTCFullYear() - birthDate.getUTCFullYear();
  const before =
    today.getUTCMonth() < birthDate.getUTCMonth() ||
    (today.getUTCMonth() === birthDate.getUTCMonth() && today.getUTCDate() < birthDate.getUTCDate());
  return before ? age - 1 : age;
}
