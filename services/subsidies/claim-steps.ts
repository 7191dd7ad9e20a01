import { ConflictError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { ClaimCheck } from './claim-rules.ts';
import type { TransitionInput } from './claims.contract.ts';
import type { ClaimRow } from './claims.repository.ts';

const conflict = (message: string, reason: string, extra: object = {}) =>
  new ConflictError(message, { reason, ...extra });
const failed = (checks: ClaimCheck[]) => checks.filter((c) => !c.passed);

/** What a step needs from the engine: the checks run again, the budget check, the time. */
export interface StepPorts {
  recheck: () => Promise<ClaimCheck[]>;
  assertBudget: () => Promise<void>;
  now: Date;
}

/** What a step does to a claim, or why it may not be taken (409 with the reason). */
export async function planStep(row: ClaimRow, input: TransitionInput, ports: StepPorts) {
  const wrong = () =>
    conflict(`A ${row.status} claim cannot be ${input.action}`, 'wrong_status', { status: row.status });
  switch (input.action) {
    case 'submit':
      if (row.status !== 'draft') throw wrong();
      return { to: 'submitted' as const, data: {}, note: null };
    case 'check': {
      if (row.status !== 'submitted') throw wrong();
      const checks = await ports.recheck();
      return {
        to: 'checked' as const,
        data: { checks: checks },
        note:
          failed(checks)
            .map((c) => c.rule)
            .join(', ') || null,
      };
    }
    case 'approve':
      if (row.status !== 'checked') throw wrong();
      if (failed(row.checks as unknown as ClaimCheck[]).length)
        throw conflict('The claim failed its checks', 'checks_failed');
      await ports.assertBudget();
      return { to: 'approved' as const, data: { decidedAt: ports.now }, note: input.note ?? null };
    case 'reject':
      if (row.status !== 'submitted' && row.status !== 'checked') throw wrong();
      return {
        to: 'rejected' as const,
        data: { decidedAt: ports.now, rejectionReason: input.reason },
        note: input.reason,
      };
    case 'pay':
      if (row.status !== 'approved') throw wrong();
      if (input.paidAmount > row.amount)
        throw new ValidationError('More than approved', [
          { field: 'paidAmount', code: 'too_large', message: `must be at most ${row.amount}` },
        ]);
      return {
        to: 'paid' as const,
        data: {
          paidAmount: input.paidAmount,
          paidOn: new Date(`${input.paidOn}T00:00:00Z`),
          paymentReference: input.reference,
        },
        note: input.reference,
      };
  }
}
