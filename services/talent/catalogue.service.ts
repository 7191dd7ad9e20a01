import { scopePrefix } from '../platform/access/scope.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import { maskName, type PiiCipher } from '../platform/crypto/pii.ts';
import type { PovertyByIdNumber } from '../labourers/index.ts';
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
import { type Actor, audited, dayOf, recruitStanding, requireProvince, sealIdNumber } from './talent-access.ts';

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
  maskedName: maskName(r.name),
  idNumberMasked: r.idNumberMasked,
  institution: r.institution,
  poorFamily: r.poorFamily,
  localToCounty: r.localToCounty,
  reservedPost: r.reservedPost,
  recruitedOn: dayOf(r.recruitedOn),
  allowancePerMonth: r.allowancePerMonth,
});

/** Key-county shortage talent (plan §5(1)): catalogue lines, reserved posts, recruits with their allowance. */
export function createCatalogueService(deps: {
  repo: CatalogueRepository;
  pii: PiiCipher;
  counties: CountiesOf;
  povertyOf: PovertyByIdNumber;
}) {
  const { repo, pii, counties, povertyOf } = deps;
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

    async createEntry(actor: Actor, input: EntryInput, requestId?: string) {
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
      const row = await repo.createEntry(input, {
        ...audited(actor, 'talent.catalogue.entry.create', 'TalentCatalogueEntry', requestId),
        details: {
          countyCode: input.countyCode,
          year: input.year,
          posts: input.posts,
          reservedPoor: input.reservedPoor,
        },
      });
      return entryView({ ...row, recruits: [] }, names);
    },

    async recruits(actor: Actor, query: CatalogueQuery) {
      return (await repo.recruits({ ...query, prefix: scopePrefix(actor) })).map(recruitView);
    },

    /** A recruit against a line: poor family and local read from the registry, never ticked by the officer. */
    async addRecruit(actor: Actor, entryId: string, input: RecruitInput, requestId?: string) {
      const entry = await repo.entry(entryId);
      if (!entry || !entry.countyCode.startsWith(scopePrefix(actor)))
        throw new NotFoundError(`Catalogue line ${entryId} not found`);
      const sealed = sealIdNumber(pii, input.idNumber);
      const standing = await recruitStanding(povertyOf, input.idNumber, entry.countyCode, input.reservedPost);
      const row = await repo.addRecruit(
        entry,
        {
          name: input.name,
          ...sealed,
          ...standing,
          reservedPost: input.reservedPost,
          institution: input.institution,
          recruitedOn: input.recruitedOn,
          allowancePerMonth: input.allowancePerMonth ?? entry.allowancePerMonth,
        },
        {
          ...audited(actor, 'talent.catalogue.recruit.add', 'TalentRecruit', requestId),
          details: { entryId, idNumber: sealed.idNumberMasked, reservedPost: input.reservedPost, ...standing },
        },
      );
      if (row === 'full') throw new ConflictError('Every post of the line is filled', { reason: 'full' });
      if (row === 'reserved_full')
        throw new ConflictError('Every reserved post of the line is filled', { reason: 'reserved_full' });
      if (row === 'duplicate') throw new ConflictError('Already recruited on this line', { reason: 'duplicate' });
      return recruitView(row);
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
