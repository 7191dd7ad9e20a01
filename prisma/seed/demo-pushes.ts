import type { ModuleSeeder } from './demo-modules.ts';

/** Demo data of the pushes module. */
export const seedPushesDemo: ModuleSeeder = async () => {};
