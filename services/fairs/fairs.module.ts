import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../platform/modules.ts';

export async function fairsModule(app: FastifyInstance, deps: ModuleDeps) {
  void app;
  void deps;
}
