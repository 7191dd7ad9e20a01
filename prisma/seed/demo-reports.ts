import type { ModuleSeeder } from './demo-modules.ts';

/** Demo data of the reports module. */
export const seedReportsDemo: ModuleSeeder = async () => {};
