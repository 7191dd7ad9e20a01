import type { DemoRole } from './walker.ts';

/** Who the walk walks as: a visitor and each demo account of the README. */
export const DEMO_ROLES: DemoRole[] = [
  { name: 'anonymous' },
  { name: 'labourer', username: 'labourer.demo' },
  { name: 'employer', username: 'employer.demo' },
  { name: 'county officer', username: 'officer.changting' },
  { name: 'province officer', username: 'officer.fujian' },
  { name: 'admin', username: 'admin' },
  { name: 'volunteer', username: 'matchmaker.changting' },
  { name: 'training provider', username: 'provider.changting' },
];
