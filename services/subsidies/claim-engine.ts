import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { FactSources } from './claim-facts.ts';
import type { BusinessInput } from './claims.contract.ts';
import type { ClaimsRepository } from './claims.repository.ts';
import { createClaimsService } from './claims.service.ts';
import type { ProgrammesRepository } from './programmes.repository.ts';
import { createProgrammesService } from './programmes.service.ts';
import type { ClaimSubjectsRepository } from './claim-subjects.repository.ts';
import { createClaimSubjects } from './claim-subjects.service.ts';
import type { SelfClaimsRepository } from './self-claims.repository.ts';
import { createSelfClaimsService } from './self-claims.service.ts';
import type { SubsidiesRepository } from './subsidies.repository.ts';
import { createSubsidiesService } from './subsidies.service.ts';
import { createWelfarePostClaims, recordBusiness } from './welfare-post-claims.ts';

/** The repositories the engine works on (index.ts creates them over the database). */
export interface EngineRepositories {
  claims: ClaimsRepository;
  programmes: ProgrammesRepository;
  hiring: SubsidiesRepository;
  self: SelfClaimsRepository;
  subjects: ClaimSubjectsRepository;
}

/** The claim engine's services, shared by the routes, the pages, the job and other modules. */
export function createClaimEngine(
  repos: EngineRepositories,
  now: () => Date = () => new Date(),
  sources: FactSources = {},
) {
  const claimsRepo = repos.claims;
  const programmes = createProgrammesService({ repo: repos.programmes, claims: claimsRepo });
  const claims = createClaimsService({ repo: claimsRepo, programmes, now, sources });
  const welfarePosts = createWelfarePostClaims({ repo: claimsRepo, claims });
  const selfClaims = createSelfClaimsService({ repo: repos.self, claimsRepo, claims, programmes });
  const hiring = createSubsidiesService({ repo: repos.hiring, claims: claimsRepo, programmes, now });
  return {
    programmes,
    claims,
    welfarePosts,
    hiring,
    selfClaims,
    subjects: createClaimSubjects({ repo: repos.subjects, programmes }),
    business: (actor: SessionUser, input: BusinessInput, requestId: string) =>
      recordBusiness(claimsRepo, actor, input, requestId),
  };
}

export type ClaimEngine = ReturnType<typeof createClaimEngine>;
