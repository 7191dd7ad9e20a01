import { scopePrefix } from '../platform/access/scope.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import { levelAmountsOf } from './certificate-levels.ts';
import type { EligibilityRule, RuleSetting } from './claim-rules.ts';
import type { Programme, ProgrammeCreate, Setting, SettingInput } from './claims.contract.ts';
import type { ClaimsRepository } from './claims.repository.ts';
import type { ProgrammeRow, ProgrammesRepository, SettingRow } from './programmes.repository.ts';

const dateOnly = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const asDate = (s: string | null) => (s ? new Date(`${s}T00:00:00Z`) : null);

export const toSetting = (row: SettingRow): Setting => ({
  regionCode: row.regionCode,
  active: row.active,
  amount: row.amount,
  cap: row.cap,
  qualifyingMonths: row.qualifyingMonths,
  bonus: row.bonus,
  periodFrom: dateOnly(row.periodFrom),
  periodTo: dateOnly(row.periodTo),
  budget: row.budget,
  levelAmounts: levelAmountsOf(row.levelAmounts),
  updatedAt: row.updatedAt.toISOString(),
});

export const toProgramme = (row: ProgrammeRow): Programme => ({
  id: row.id,
  code: row.code,
  kind: row.kind,
  name: row.name,
  nameEn: row.nameEn,
  claimant: row.claimant,
  eligibilityRule: row.eligibilityRule as EligibilityRule,
  amountBasis: row.amountBasis,
  evidence: row.evidence,
  clause: row.clause,
  settings: row.settings.map(toSetting),
});

/** The row that applies in a region: the longest region code that prefixes it (county over city over province). */
export function settingFor<S extends { regionCode: string }>(settings: S[], regionCode: string): S | null {
  return (
    settings
      .filter((s) => regionCode.startsWith(s.regionCode))
      .sort((a, b) => b.regionCode.length - a.regionCode.length)[0] ?? null
  );
}

export const ruleSetting = (row: SettingRow): RuleSetting => ({
  active: row.active,
  amount: row.amount,
  cap: row.cap,
  qualifyingMonths: row.qualifyingMonths,
  bonus: row.bonus,
  periodFrom: row.periodFrom,
  periodTo: row.periodTo,
});

const settingWrite = (input: SettingInput, actorId: string) => ({
  active: input.active,
  amount: input.amount,
  cap: input.cap,
  qualifyingMonths: input.qualifyingMonths,
  bonus: input.bonus,
  periodFrom: asDate(input.periodFrom),
  periodTo: asDate(input.periodTo),
  budget: input.budget,
  levelAmounts: input.levelAmounts,
  updatedById: actorId,
});

/** Amounts per certificate level belong to programmes paid on a certificate (training, appraisal). */
function assertLevels(eligibilityRule: string, input: SettingInput) {
  if (eligibilityRule !== 'certificate_of_poor_person' && Object.keys(input.levelAmounts).length > 0)
    throw new ValidationError('This programme is not paid on a certificate', [
      { field: 'levelAmounts', code: 'not_by_level', message: 'only programmes paid on a certificate take them' },
    ]);
}

/** An officer sets rows for their own region and the regions under it. */
function assertWithin(actor: SessionUser, regionCode: string) {
  if (!regionCode.startsWith(scopePrefix(actor))) throw new ForbiddenError('That region is outside your region');
}

/** Programmes, their settings per region set by officers, and each region's budget against its spend. */
export function createProgrammesService({ repo, claims }: { repo: ProgrammesRepository; claims: ClaimsRepository }) {
  async function byCode(code: string) {
    const row = await repo.byCode(code);
    if (!row) throw new NotFoundError(`Subsidy programme ${code} does not exist`);
    return row;
  }

  return {
    byCode,
    async list(actor: SessionUser) {
      scopePrefix(actor);
      return (await repo.list()).map(toProgramme);
    },

    async create(actor: SessionUser, input: ProgrammeCreate, requestId: string) {
      assertWithin(actor, input.setting.regionCode);
      assertLevels(input.eligibilityRule, input.setting);
      if (await repo.byCode(input.code))
        throw new ConflictError(`Programme ${input.code} exists already`, { reason: 'exists' });
      const { setting, ...programme } = input;
      const row = await repo.create(
        programme,
        { ...settingWrite(setting, actor.id), regionCode: setting.regionCode },
        {
          actor,
          action: 'subsidy.programme.create',
          requestId,
          details: { code: input.code, regionCode: setting.regionCode },
        },
      );
      return toProgramme(row);
    },

    async setSetting(actor: SessionUser, code: string, input: SettingInput, requestId: string) {
      assertWithin(actor, input.regionCode);
      const programme = await byCode(code);
      assertLevels(programme.eligibilityRule, input);
      const row = await repo.setSetting(programme.id, input.regionCode, settingWrite(input, actor.id), {
        actor,
        action: 'subsidy.programme.setting',
        requestId,
      });
      return toSetting(row);
    },

    /** Every budgeted or spent (programme, region) row in the officer's scope. */
    async budgets(actor: SessionUser) {
      const prefix = scopePrefix(actor);
      const rows = [];
      for (const programme of await repo.list()) {
        for (const setting of programme.settings) {
          // A province row is the province's budget: a county officer sees their own and those under them.
          if (!setting.regionCode.startsWith(prefix) && !prefix.startsWith(setting.regionCode)) continue;
          const region = setting.regionCode.length >= prefix.length ? setting.regionCode : prefix;
          const spend = await claims.spend(programme.id, region);
          if (setting.budget === null && spend.total === 0) continue;
          rows.push({
            programmeCode: programme.code,
            programmeName: programme.name,
            programmeNameEn: programme.nameEn,
            regionCode: region,
            budget: region === setting.regionCode ? setting.budget : null,
            approved: spend.approved,
            paid: spend.paid,
            remaining: region === setting.regionCode && setting.budget !== null ? setting.budget - spend.total : null,
          });
        }
      }
      return rows;
    },
  };
}

export type ProgrammesService = ReturnType<typeof createProgrammesService>;
