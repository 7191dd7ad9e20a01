import type { ModuleSeeder } from './demo-modules.ts';

/** Demo data of the fairs module. */
export const seedFairsDemo: ModuleSeeder = async () => {};
