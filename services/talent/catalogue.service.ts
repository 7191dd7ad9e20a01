import { scopePrefix } from '../platform/access/scope.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { PiiCipher } from '../platform/crypto/pii.ts';
import type { CountiesOf } from '../regions/index.ts';
import type {
  CatalogueQuery,
  EntryInput,
  EntryView,
  RecruitInput,
  RecruitView,
  TALENT_LEVELS,
} from './catalogue.contract.ts';
import type { CatalogueRepository } from './catalogue.repository.ts';
import { type Actor, dayOf, requireProvince, sealIdNumber } from './talent-access.ts';

type EntryRow = Awaited<ReturnType<CatalogueRepository['entries']>>[number];
type RecruitRow = Awaited<ReturnType<CatalogueRepository['recruits']>>[number];

/** Filled posts of a line: recruits up to its posts; reserved ones: poor-family recruits up to the reserve. */
export function filledOf(entry: { posts: number; reservedPoor: number; recruits: Array<{ poorFamily: boolean }> }) {
  const poor = entry.recruits.filter((r) => r.poorFamily).length;
  return { filled: Math.min(entry.posts, entry.recruits.length), reservedFilled: Math.min(entry.reservedPoor, poor) };
}

const recruitView = (r: Exclude<RecruitRow, null>): RecruitView => ({
  id: r.id,
  entryId: r.entryId,
  countyCode: r.entry.countyCode,
  field: r.entry.field,
  name: r.name,
  idNumberMasked: r.idNumberMasked,
  institution: r.institution,
  poorFamily: r.poorFamily,
  recruitedOn: dayOf(r.recruitedOn),
  allowancePerMonth: r.allowancePerMonth,
});

/** Key-county shortage talent (plan §5(1)): catalogue lines, reserved posts, recruits with their allowance. */
export function createCatalogueService(deps: { repo: CatalogueRepository; pii: PiiCipher; counties: CountiesOf }) {
  const { repo, pii, counties } = deps;
  const countyMap = async () => new Map((await counties('35')).map((c) => [c.code, c]));

  function entryView(row: EntryRow, names: Awaited<ReturnType<typeof countyMap>>): EntryView {
    return {
      id: row.id,
      countyCode: row.countyCode,
      countyName: names.get(row.countyCode)?.name ?? row.countyCode,
      keyCounty: names.get(row.countyCode)?.keyCounty ?? false,
      year: row.year,
      field: row.field,
      level: row.level as (typeof TALENT_LEVELS)[number],
      posts: row.posts,
      reservedPoor: row.reservedPoor,
      allowancePerMonth: row.allowancePerMonth,
      campaign: row.campaign,
      ...filledOf(row),
    };
  }

  return {
    async entries(actor: Actor, query: CatalogueQuery) {
      const names = await countyMap();
      return (await repo.entries({ ...query, prefix: scopePrefix(actor) })).map((row) => entryView(row, names));
    },

    async createEntry(actor: Actor, input: EntryInput) {
      requireProvince(actor);
      const names = await countyMap();
      if (!names.get(input.countyCode)?.keyCounty) {
        throw new ValidationError('Not a key county', [
          { field: 'countyCode', code: 'not_key_county', message: 'is not a provincial key county' },
        ]);
      }
      if (input.reservedPoor > input.posts) {
        throw new ValidationError('Reserve over the posts', [
          { field: 'reservedPoor', code: 'over_posts', message: 'must not exceed the posts' },
        ]);
      }
      const row = await repo.createEntry(input);
      return entryView({ ...row, recruits: [] }, names);
    },

    async recruits(actor: Actor, query: CatalogueQuery) {
      return (await repo.recruits({ ...query, prefix: scopePrefix(actor) })).map(recruitView);
    },

    async addRecruit(actor: Actor, entryId: string, input: RecruitInput) {
      const entry = await repo.entry(entryId);
      if (!entry || !entry.countyCode.startsWith(scopePrefix(actor)))
        throw new NotFoundError(`Catalogue line ${entryId} not found`);
      const sealed = sealIdNumber(pii, input.idNumber);
      const row = await repo.addRecruit(entryId, entry.posts, {
        name: input.name,
        ...sealed,
        institution: input.institution,
        poorFamily: input.poorFamily,
        recruitedOn: input.recruitedOn,
        allowancePerMonth: input.allowancePerMonth ?? entry.allowancePerMonth,
      });
      if (row === null) throw new ConflictError('Every post of the line is filled', { reason: 'full' });
      if (row === 'duplicate') throw new ConflictError('Already recruited on this line', { reason: 'duplicate' });
      return recruitView(row);
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
