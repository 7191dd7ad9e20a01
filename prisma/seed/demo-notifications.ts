import type { ModuleSeeder } from './demo-modules.ts';

/** Demo data of the notifications module. */
export const seedNotificationsDemo: ModuleSeeder = async () => {};
