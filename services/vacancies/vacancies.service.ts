import { z } from 'zod';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { VacanciesRepository } from './vacancies.repository.ts';

export const VacancyInputSchema = z
  .object({
    employerId: z.uuid(),
    title: z.string().trim().min(2).max(60),
    occupationCode: z.string().min(1).max(20),
    description: z.string().trim().min(10).max(4000),
    skillCodes: z.array(z.string().max(40)).max(20).default([]),
    regionCode: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'must be a 6, 9 or 12 digit region code'),
    wageMin: z.number().int().min(0).max(100_000),
    wageMax: z.number().int().min(0).max(100_000),
    payBasis: z.enum(['month', 'day', 'piece']).default('month'),
    headcount: z.number().int().min(1).max(10_000),
    ageMin: z.number().int().min(16).max(70).optional(),
    ageMax: z.number().int().min(16).max(70).optional(),
    accommodation: z.boolean().default(false),
    meals: z.boolean().default(false),
    expiresAt: z.coerce.date().optional(),
  })
  .refine((v) => v.wageMax >= v.wageMin, { path: ['wageMax'], message: 'must not be below wageMin' })
  .refine((v) => v.ageMin === undefined || v.ageMax === undefined || v.ageMax >= v.ageMin, {
    path: ['ageMax'],
    message: 'must not be below ageMin',
  });

export type VacancyInput = z.infer<typeof VacancyInputSchema>;

/** First cut of the vacancy use cases: enough to write, publish and withdraw jobs with search in step. */
export function createVacanciesService(repo: VacanciesRepository) {
  async function assertMayManage(actor: SessionUser, employerId: string) {
    if (actor.role === 'admin') return;
    if (actor.role === 'employer' && actor.employerId === employerId) return;
    if (actor.role === 'officer') {
      const employer = await repo.employerRegion(employerId);
      if (!employer) throw new NotFoundError(`Employer ${employerId} does not exist`);
      if (employer.regionCode.startsWith(actor.regionCode ?? '\u0000')) return;
    }
    throw new ForbiddenError('You may not manage this employer’s vacancies');
  }

  return {
    async create(actor: SessionUser, input: unknown) {
      const parsed = VacancyInputSchema.safeParse(input);
      if (!parsed.success) {
        throw new ValidationError(
          'The vacancy is not valid',
          parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
        );
      }
      await assertMayManage(actor, parsed.data.employerId);
      return repo.create({ ...parsed.data, status: 'draft' });
    },

    async publish(actor: SessionUser, id: string) {
      const vacancy = await repo.findById(id);
      if (!vacancy) throw new NotFoundError(`Vacancy ${id} does not exist`);
      await assertMayManage(actor, vacancy.employerId);
      return repo.setStatus(id, 'open', new Date());
    },

    async close(actor: SessionUser, id: string) {
      const vacancy = await repo.findById(id);
      if (!vacancy) throw new NotFoundError(`Vacancy ${id} does not exist`);
      await assertMayManage(actor, vacancy.employerId);
      return repo.setStatus(id, 'closed');
    },

    async remove(actor: SessionUser, id: string) {
      const vacancy = await repo.findById(id);
      if (!vacancy) throw new NotFoundError(`Vacancy ${id} does not exist`);
      await assertMayManage(actor, vacancy.employerId);
      await repo.remove(id);
    },
  };
}
