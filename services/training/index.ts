import type { AppModule, CoreDeps } from '../platform/modules.ts';
import { trainingRoutes } from './training.routes.ts';
import { createTrainingService, type TrainingService } from './training.service.ts';
import { createTrainingRepository } from './training.repository.ts';

export type { TrainingService } from './training.service.ts';
export { TrainingInputSchema, TrainingSchema } from './training.contract.ts';
export { trainingView } from './training.presenter.ts';

/** Training records (/api/v1/training); cooperation's household pages record them too. */
export const trainingModule: AppModule<CoreDeps, { training: TrainingService }> = {
  name: 'training',
  setUp({ db, reference }) {
    const training = createTrainingService({ repo: createTrainingRepository(db), reference });
    return {
      provides: { training },
      register: async (app) => void (await app.register(trainingRoutes, { training })),
    };
  },
};
