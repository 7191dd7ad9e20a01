import { scopePrefix } from '../platform/access/scope.ts';
import { maskName } from '../platform/crypto/pii.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import { ELIGIBILITY_RULES, type EligibilityRule } from './claim-rules.ts';
import type { ClaimSubjectsRepository } from './claim-subjects.repository.ts';
import type { ProgrammesService } from './programmes.service.ts';

const day = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) : '');

/** One record an officer may claim for, in words: a person, a hire or a fair (people masked). */
export interface SubjectChoice {
  id: string;
  text: string;
}

/** What a programme's claim is about and the records of the officer's region to pick it from. */
export interface SubjectChoices {
  field: 'labourerId' | 'applicationId' | 'fairId';
  needsMonth: boolean;
  needsReference: boolean;
  /** People are found by name only: the registry is too long to list. */
  needsQuery: boolean;
  items: SubjectChoice[];
}

/** The officer's side of claiming on someone's behalf: the records a claim's subject is picked from. */
export function createClaimSubjects({
  repo,
  programmes,
}: {
  repo: ClaimSubjectsRepository;
  programmes: ProgrammesService;
}) {
  return {
    async choices(actor: SessionUser, code: string, q: string): Promise<SubjectChoices> {
      const prefix = scopePrefix(actor);
      const programme = await programmes.byCode(code);
      const kind = ELIGIBILITY_RULES[programme.eligibilityRule as EligibilityRule];
      const base = { needsMonth: kind === 'hire_month', needsReference: kind === 'reference', needsQuery: false };
      if (kind === 'hire' || kind === 'hire_month') {
        const hires = await repo.hires(prefix, q, kind === 'hire_month');
        return {
          ...base,
          field: 'applicationId',
          items: hires.map((h) => ({
            id: h.id,
            text: `${maskName(h.labourer.name)} · ${h.vacancy.employer.name} · ${h.vacancy.title} · ${day(h.startedAt)}`,
          })),
        };
      }
      if (kind === 'fair') {
        const fairs = await repo.fairs(prefix);
        return {
          ...base,
          field: 'fairId',
          items: fairs.map((f) => ({ id: f.id, text: `${f.name} · ${day(f.startsAt)}` })),
        };
      }
      const people = q ? await repo.people(prefix, q) : [];
      return {
        ...base,
        field: 'labourerId',
        needsQuery: true,
        items: people.map((p) => ({ id: p.id, text: `${maskName(p.name)} · ${p.idNumberMasked} · ${p.regionCode}` })),
      };
    },
  };
}

export type ClaimSubjects = ReturnType<typeof createClaimSubjects>;
