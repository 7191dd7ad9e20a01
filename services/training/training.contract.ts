import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';

const day = z.iso.date('must be a date like 2025-06-01');

export const TrainingInputSchema = z.object({
  course: z.string().trim().min(2, 'must be at least 2 characters').max(100),
  occupationCode: z.string().trim().max(20).optional(),
  provider: z.string().trim().min(2, 'must be at least 2 characters').max(100),
  startedOn: day,
  endedOn: day.optional(),
  hours: z.number().int().min(1).max(2000).optional(),
  passed: z.boolean().optional(),
  certificateKind: z.string().trim().max(40).optional(),
  /** The cooperation agreement the training counts towards, if any. */
  agreementId: z.uuid('must be an agreement id').optional(),
});
export type TrainingInput = z.infer<typeof TrainingInputSchema>;

export const TrainingSchema = z
  .object({
    id: z.string(),
    labourerId: z.string(),
    course: z.string(),
    occupationCode: z.string().nullable(),
    occupationName: z.string().nullable(),
    provider: z.string(),
    startedOn: z.string(),
    endedOn: z.string().nullable(),
    hours: z.number().nullable(),
    passed: z.boolean().nullable(),
    certificateKind: z.string().nullable(),
    certificateName: z.string().nullable(),
    agreementId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'TrainingRecord' });
export type TrainingView = z.infer<typeof TrainingSchema>;

const officers = auth.roles('officer', 'admin');
const tags = ['training'];
const params = z.object({ labourerId: z.uuid() });
const errors = { ...commonErrors, 404: ErrorResponseSchema };

export const listTrainingsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/training/labourers/:labourerId/records',
  auth: officers,
  summary: "A labourer's training records (officers of the person's region or of a paired home region)",
  tags,
  schema: { params, response: { 200: z.object({ items: z.array(TrainingSchema) }), ...errors } },
});

export const createTrainingRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/training/labourers/:labourerId/records',
  auth: officers,
  summary: 'Record a training a labourer took',
  tags,
  schema: { params, body: TrainingInputSchema, response: { 201: TrainingSchema, ...errors } },
});
