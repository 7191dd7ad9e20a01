import type { LabourersService } from '../labourers/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ApplyFindingBody, FindingView } from './comparison.contract.ts';
import type { ComparisonRepository } from './comparison.repository.ts';
import type { ComparisonService } from './comparison.service.ts';
import { proposalFor } from './finding-actions.ts';

export interface FindingActionsDeps {
  repo: ComparisonRepository;
  comparison: ComparisonService;
  labourers: Pick<LabourersService, 'update'>;
}

/**
 * An officer's answer to a finding: apply it to the registry in one step (through the registry's
 * own update, so its status history, scope check and search index follow), or dismiss it with a
 * reason that later runs remember. Both are audited; a finding is answered once.
 */
export function createFindingActions({ repo, comparison, labourers }: FindingActionsDeps) {
  async function openFinding(actor: SessionUser, runId: string, findingId: bigint) {
    const run = await repo.findRun(runId);
    if (!run) throw new NotFoundError(`Comparison ${runId} does not exist`);
    if (!run.regionCode.startsWith(scopePrefix(actor)))
      throw new ForbiddenError(`Comparison ${runId} is outside your region`);
    const finding = await repo.finding(findingId);
    if (!finding || finding.runId !== runId) throw new NotFoundError(`Finding ${findingId} does not exist`);
    if (finding.status !== 'open')
      throw new ConflictError(`This finding was ${finding.status} already`, {
        reason: 'closed',
        status: finding.status,
      });
    return { run, finding };
  }

  async function close(
    actor: SessionUser,
    finding: { id: bigint; kind: FindingView['kind']; personKey: string | null; runId: string },
    outcome: { status: 'applied' | 'dismissed'; resolution: string },
    requestId: string,
    details: Record<string, string | null>,
  ) {
    const closed = await repo.resolve(finding, outcome, {
      actor,
      action: outcome.status === 'applied' ? 'comparison.finding.apply' : 'comparison.finding.dismiss',
      requestId,
      details: { runId: finding.runId, kind: finding.kind, ...details },
    });
    if (!closed) throw new ConflictError('This finding was answered already', { reason: 'closed' });
  }

  return {
    async apply(
      actor: SessionUser,
      runId: string,
      findingId: bigint,
      body: ApplyFindingBody,
      requestId: string,
    ): Promise<FindingView> {
      const { run, finding } = await openFinding(actor, runId, findingId);
      const proposal = finding.labourerId ? proposalFor(finding) : null;
      if (!proposal || !finding.labourerId)
        throw new ConflictError('This finding has nothing to apply to the registry: dismiss it with a reason', {
          reason: 'not_applicable',
        });
      const value = body.value ?? proposal.value;
      if (!proposal.choices.includes(value))
        throw new ValidationError('The value cannot be applied', [
          { field: 'value', message: `must be one of ${proposal.choices.join(', ')}`, code: 'invalid' },
        ]);
      // The registry's own update: its scope check, status history and search index apply.
      await labourers.update(actor, finding.labourerId, {
        [proposal.field]: value,
        statusNote: `信息比对：${run.fileName}`.slice(0, 200),
      } as Parameters<LabourersService['update']>[2]);
      const resolution = `${proposal.field}=${value}`;
      await close(actor, finding, { status: 'applied', resolution }, requestId, {
        labourerId: finding.labourerId,
        field: proposal.field,
        from: finding.registryValue,
        to: value,
      });
      return comparison.finding(actor, runId, findingId);
    },

    /**
     * Closes an open finding another module has taken up (an insurance case opened for the person):
     * stored as applied with what was done, audited like an application to the registry.
     */
    async followUp(
      actor: SessionUser,
      runId: string,
      findingId: bigint,
      resolution: string,
      requestId: string,
    ): Promise<FindingView> {
      const { finding } = await openFinding(actor, runId, findingId);
      await close(actor, finding, { status: 'applied', resolution }, requestId, {
        labourerId: finding.labourerId,
        followUp: resolution,
      });
      return comparison.finding(actor, runId, findingId);
    },

    async dismiss(
      actor: SessionUser,
      runId: string,
      findingId: bigint,
      reason: string,
      requestId: string,
    ): Promise<FindingView> {
      const { finding } = await openFinding(actor, runId, findingId);
      await close(actor, finding, { status: 'dismissed', resolution: reason }, requestId, {
        labourerId: finding.labourerId,
        reason,
      });
      return comparison.finding(actor, runId, findingId);
    },
  };
}

export type FindingActions = ReturnType<typeof createFindingActions>;
