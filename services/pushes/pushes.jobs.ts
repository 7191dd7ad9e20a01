import type { ModuleJobs } from '../platform/modules.ts';

export const pushesJobs: ModuleJobs = () => [];
