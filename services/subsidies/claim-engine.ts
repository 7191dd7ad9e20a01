import type { Db } from '../platform/database/prisma.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { BusinessInput } from './claims.contract.ts';
import { createClaimsRepository } from './claims.repository.ts';
import { createClaimsService } from './claims.service.ts';
import { createProgrammesRepository } from './programmes.repository.ts';
import { createProgrammesService } from './programmes.service.ts';
import { createSubsidiesRepository } from './subsidies.repository.ts';
import { createSubsidiesService } from './subsidies.service.ts';
import { createWelfarePostClaims, recordBusiness } from './welfare-post-claims.ts';

/** The claim engine's services over one database, shared by the routes, the pages, the job and other modules. */
export function createClaimEngine(db: Db, now: () => Date = () => new Date()) {
  const claimsRepo = createClaimsRepository(db);
  const programmes = createProgrammesService({ repo: createProgrammesRepository(db), claims: claimsRepo });
  const claims = createClaimsService({ repo: claimsRepo, programmes, now });
  const welfarePosts = createWelfarePostClaims({ repo: claimsRepo, claims });
  const hiring = createSubsidiesService({ repo: createSubsidiesRepository(db), claims: claimsRepo, programmes, now });
  return {
    programmes,
    claims,
    welfarePosts,
    hiring,
    business: (actor: SessionUser, input: BusinessInput, requestId: string) =>
      recordBusiness(claimsRepo, actor, input, requestId),
  };
}

export type ClaimEngine = ReturnType<typeof createClaimEngine>;
