import type { ModuleSeeder } from './demo-modules.ts';

/** Demo data of the cooperation module. */
export const seedCooperationDemo: ModuleSeeder = async () => {};
