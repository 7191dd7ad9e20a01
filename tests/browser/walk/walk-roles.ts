import type { DemoRole } from './walker.ts';

/**
 * Who the walk walks as: a visitor and each demo account of the README. Colour contrast is checked
 * on the pages of the people the site serves (see DemoRole.contrast), not again on officers' and
 * the admin's.
 */
export const DEMO_ROLES: DemoRole[] = [
  { name: 'anonymous' },
  { name: 'labourer', username: 'labourer.demo' },
  { name: 'employer', username: 'employer.demo' },
  { name: 'county officer', username: 'officer.changting', contrast: false },
  { name: 'province officer', username: 'officer.fujian', contrast: false },
  { name: 'admin', username: 'admin', contrast: false },
  { name: 'volunteer', username: 'matchmaker.changting' },
  { name: 'training provider', username: 'provider.changting' },
];
