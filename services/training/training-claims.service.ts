import { ConflictError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { SubsidyClaimStatus } from '../platform/database/generated/enums.ts';
import type { CertificateLevel } from '../subsidies/index.ts';
import { claimLevelOf, planKindOf, programmesFor, type ClaimProgramme } from './claim-kinds.ts';
import type { EnrolmentView } from './courses.contract.ts';
import type { CoursesService } from './courses.service.ts';
import type { TrainingClaimsRepository } from './training-claims.repository.ts';
import type { TrainingClaimView } from './training-claims.contract.ts';

/** The claim engine's door as training uses it (subsidies' public `claimFor`, bound to the database). */
export type ClaimPort = (input: {
  programmeCode: ClaimProgramme;
  labourerId: string;
  reference: string;
  /** The certificate's level: the region's amount for it prices the claim when one is set. */
  level?: CertificateLevel | undefined;
  evidence: Record<string, string>;
}) => Promise<{ id: string; status: SubsidyClaimStatus; amount: number; level: string | null; levelPriced: boolean }>;

const refuse = (message: string, reason: string) => new ConflictError(message, { reason });

/**
 * The engine's "not eligible" named by its first failed check (claim_registered_poor,
 * claim_in_programme_period…), so the course page says why; the failed checks stay in the details.
 */
function engineRefusal(error: unknown): unknown {
  if (!(error instanceof ConflictError)) return error;
  const details = error.details as { reason?: string; checks?: { rule: string }[] } | undefined;
  if (details?.reason !== 'not_eligible') return error;
  const rule = details.checks?.[0]?.rule ?? 'not_eligible';
  return new ConflictError(error.message, { ...details, reason: `claim_${rule}` });
}

/**
 * Training and appraisal subsidy claims (职业培训补贴, 职业技能鉴定补贴, plan §3(1)) on a passed person's
 * certificate. An officer makes the claim from the course page: the claim engine checks the person
 * is registered poor and refuses a second claim on the same certificate (its subject key).
 */
export function createTrainingClaims(deps: {
  repo: TrainingClaimsRepository;
  courses: CoursesService;
  claim: ClaimPort;
}) {
  const { repo, courses, claim } = deps;

  /** The claims made on the people's certificates and those still open to them, per enrolment. */
  async function statesOf(enrolments: EnrolmentView[]) {
    const certified = enrolments.filter((e) => e.passed && e.certificateId);
    const claims = await repo.claimsOn(certified.map((e) => e.certificateId!));
    const certificates = await Promise.all(certified.map((e) => repo.certificate(e.certificateId!)));
    const out = new Map<string, { claims: TrainingClaimView[]; open: ClaimProgramme[] }>();
    certified.forEach((e, i) => {
      const cert = certificates[i];
      const made: TrainingClaimView[] = claims
        .filter((c) => c.reference === e.certificateId)
        .map((c) => ({
          enrolmentId: e.id,
          labourerId: e.labourerId,
          certificateId: e.certificateId!,
          programme: c.programme.code as ClaimProgramme,
          claimId: c.id,
          status: c.status,
          amount: c.amount,
          level: c.level as CertificateLevel | null,
          levelPriced: c.levelPriced,
        }));
      const possible = cert ? programmesFor(planKindOf(cert.kind, cert.category)) : [];
      out.set(e.id, { claims: made, open: possible.filter((p) => !made.some((m) => m.programme === p)) });
    });
    return out;
  }

  return {
    statesOf,

    /** Every claim made on the certificates of a course's people. */
    async ofCourse(actor: SessionUser, courseId: string) {
      const enrolments = await courses.enrolments(actor, courseId);
      return [...(await statesOf(enrolments)).values()].flatMap((s) => s.claims);
    },

    /** Claims a subsidy on the certificate a person earned on the course (audited; 409 with the reason when refused). */
    async claim(actor: SessionUser, enrolmentId: string, programme: ClaimProgramme, requestId?: string) {
      const row = await courses.enrolmentInScope(actor, enrolmentId);
      if (row.status !== 'completed' || !row.passed || !row.certificateId)
        throw refuse('The person has not passed with a certificate', 'no_certificate');
      const cert = await repo.certificate(row.certificateId);
      if (!cert) throw refuse('The certificate no longer exists', 'no_certificate');
      const kind = planKindOf(cert.kind, cert.category);
      if (!programmesFor(kind).includes(programme))
        throw refuse(`A ${cert.kind} certificate does not carry the ${programme} subsidy`, 'certificate_kind');
      const level = claimLevelOf(kind, cert.level);
      const made = await claim({
        programmeCode: programme,
        labourerId: row.labourerId,
        reference: cert.id,
        ...(level ? { level } : {}),
        evidence: {
          certificate: cert.number ?? cert.id,
          certificateKind: cert.kind,
          ...(cert.level ? { certificateLevel: cert.level } : {}),
          course: row.course.title,
        },
      }).catch((error: unknown) => {
        throw engineRefusal(error);
      });
      await repo.audit({
        actor,
        action: 'training.claim.create',
        entity: 'SubsidyClaim',
        entityId: made.id,
        ...(requestId ? { requestId } : {}),
        details: { enrolmentId, programme, certificateId: cert.id, level },
      });
      return {
        enrolmentId,
        labourerId: row.labourerId,
        certificateId: cert.id,
        programme,
        claimId: made.id,
        status: made.status,
        amount: made.amount,
        level: made.level as CertificateLevel | null,
        levelPriced: made.levelPriced,
      } satisfies TrainingClaimView;
    },
  };
}

export type TrainingClaims = ReturnType<typeof createTrainingClaims>;
