import type { ModuleSeeder } from './demo-modules.ts';

/**
 * Demo data of the pushes module: none is written here on purpose. A campaign needs the search
 * index, which is filled only after seeding; the scheduled campaign (PUSH_EVERY_MINUTES > 0, on by
 * default) runs once when the app starts, so a fresh demo shows a completed campaign, its pushes,
 * notices and coverage within seconds of start.
 */
export const seedPushesDemo: ModuleSeeder = async () => {};
