import type { FastifyInstance } from 'fastify';
import { applicationsModule } from './applications/index.ts';
import { comparisonModule } from './comparison/index.ts';
import { cooperationModule } from './cooperation/index.ts';
import { employersModule } from './employers/index.ts';
import { fairsModule } from './fairs/index.ts';
import { graduatesModule } from './graduates/index.ts';
import { healthModule } from './health/index.ts';
import { homeModule } from './home/index.ts';
import { identityModule } from './identity/index.ts';
import { importsModule } from './imports/index.ts';
import { insuranceModule } from './insurance/index.ts';
import { labourersModule } from './labourers/index.ts';
import { matchingModule } from './matching/index.ts';
import { notificationsModule } from './notifications/index.ts';
import type { ConfigSection } from './platform/config/config.ts';
import type { AppModule, CoreDeps, ModuleInstance } from './platform/modules.ts';
import type { ScheduledJob } from './platform/scheduler.ts';
import { pushesModule } from './pushes/index.ts';
import { regionsModule } from './regions/index.ts';
import { reportsModule } from './reports/index.ts';
import { subsidiesModule } from './subsidies/index.ts';
import { talentModule } from './talent/index.ts';
import { trainingModule } from './training/index.ts';
import { vacanciesModule } from './vacancies/index.ts';

/** Everything a module may ask for: the core, and what the modules before it provide. */
export type AppDeps = CoreDeps &
  Parameters<typeof cooperationModule.setUp>[0] &
  Parameters<typeof matchingModule.setUp>[0] &
  Parameters<typeof pushesModule.setUp>[0] &
  Parameters<typeof fairsModule.setUp>[0] &
  Parameters<typeof applicationsModule.setUp>[0] &
  Parameters<typeof graduatesModule.setUp>[0] &
  Parameters<typeof subsidiesModule.setUp>[0] &
  Parameters<typeof vacanciesModule.setUp>[0] &
  Parameters<typeof insuranceModule.setUp>[0] &
  Parameters<typeof reportsModule.setUp>[0];

/**
 * The application's modules, in the order they are set up: a module comes after those whose
 * services it uses (labourers, comparison and notifications before insurance, insurance before reports;
 * labourers, notifications and training before cooperation; cooperation's partner regions before
 * matching; matching before pushes and fairs; matching and applications before graduates, whose
 * figures the reports read and whose records the subsidies' claim engine checks graduates against).
 */
export const MODULES: readonly AppModule<AppDeps>[] = [
  healthModule,
  identityModule,
  regionsModule,
  labourersModule,
  employersModule,
  vacanciesModule,
  comparisonModule,
  notificationsModule,
  insuranceModule,
  trainingModule,
  cooperationModule,
  matchingModule,
  importsModule,
  applicationsModule,
  graduatesModule,
  subsidiesModule,
  pushesModule,
  fairsModule,
  talentModule,
  reportsModule,
  homeModule,
];

/** Every module's own settings, checked with the core configuration at start. */
export const MODULE_CONFIG: readonly ConfigSection<unknown>[] = MODULES.flatMap((module) => module.config ?? []);

export interface SetUpModules {
  /** What the modules were given: the core and every module's provisions (tests use it). */
  deps: Readonly<AppDeps>;
  instances: ReadonlyMap<string, ModuleInstance>;
  jobs: ScheduledJob[];
}

/** Sets up every module in order (each sees what the earlier ones provide), then registers them. */
export async function setUpModules(app: FastifyInstance, core: CoreDeps): Promise<SetUpModules> {
  const deps = { ...core } as AppDeps;
  const instances = new Map<string, ModuleInstance>();
  for (const module of MODULES) {
    const instance = await module.setUp(deps);
    Object.assign(deps, instance.provides);
    instances.set(module.name, instance);
  }
  app.addHook('onClose', async () => {
    for (const instance of [...instances.values()].reverse()) await instance.close?.();
  });
  for (const instance of instances.values()) await instance.register(app);
  return { deps, instances, jobs: [...instances.values()].flatMap((instance) => instance.jobs ?? []) };
}
