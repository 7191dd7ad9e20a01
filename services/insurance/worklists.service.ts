import { scopePrefix } from '../platform/access/scope.ts';
import { ForbiddenError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { ageOn } from '../platform/time/age.ts';
import type { Worklist, WorklistQuery, WorklistRow } from './insurance.contract.ts';
import { coverageValues } from './coverage-figures.ts';
import { ageCutoffs } from './age-cutoffs.ts';
import { caseKindOfWorklist } from './case-states.ts';
import type { InsuranceRepository } from './insurance.repository.ts';

/** Rows a worklist page shows; narrower filters (county, township) reach the rest. */
export const WORKLIST_LIMIT = 1000;
/** Rows an export holds at most. */
export const EXPORT_LIMIT = 50_000;

/** The region a list is narrowed to: the township, else the county, else the officer's scope. */
export function narrowedPrefix(
  actor: Pick<SessionUser, 'role' | 'regionCode'>,
  filter: { county?: string | undefined; township?: string | undefined },
): string {
  const scope = scopePrefix(actor);
  const prefix = filter.township ?? filter.county ?? scope;
  if (!prefix.startsWith(scope)) throw new ForbiddenError(`Region ${prefix} is outside your region`);
  return prefix;
}

export interface WorklistsDeps {
  repo: InsuranceRepository;
  reference: () => Promise<ReferenceNames>;
  now?: () => Date;
}

/** Worklists (全民参保计划): who needs insurance work, per county and township; and the coverage figures. */
export function createWorklistsService({ repo, reference, now = () => new Date() }: WorklistsDeps) {
  async function rows(actor: SessionUser, query: WorklistQuery, limit: number) {
    const prefix = narrowedPrefix(actor, query);
    const today = now();
    const people = await repo.worklistPeople(prefix, query.kind, ageCutoffs(today), limit);
    const shown = people.slice(0, limit);
    const ids = shown.map((p) => p.id);
    const [standings, cases, ref] = await Promise.all([repo.standings(ids), repo.openCasesOf(ids), reference()]);
    const standingOf = new Map(standings.map((s) => [s.labourerId, s]));
    const caseKind = caseKindOfWorklist(query.kind);
    const caseOf = new Map(cases.filter((c) => c.kind === caseKind).map((c) => [c.labourerId, c]));
    const items: WorklistRow[] = shown.map((p) => {
      const county = p.regionCode.slice(0, 6);
      const township = p.regionCode.slice(0, 9);
      const standing = standingOf.get(p.id);
      const open = caseOf.get(p.id);
      return {
        labourerId: p.id,
        name: p.name,
        idNumberMasked: p.idNumberMasked,
        phoneMasked: p.phoneMasked,
        age: ageOn(p.birthDate, today),
        county,
        countyName: ref.regionName(county),
        township,
        townshipName: ref.regionName(township),
        pensionInsurance: p.pensionInsurance,
        employmentStatus: p.employmentStatus,
        unemploymentInsurance: p.unemploymentInsurance,
        workInjuryInsured: standing?.workInjuryInsured ?? null,
        receivingBenefit: !!standing?.receivingBenefitSince,
        contributionGrade: standing?.governmentPaidGrade ?? null,
        disabilityGrade: p.disability ? p.disabilityGrade : null,
        caseId: open?.id ?? null,
        caseState: open?.state ?? null,
      };
    });
    return { items, truncated: people.length > limit };
  }

  return {
    async worklist(actor: SessionUser, query: WorklistQuery): Promise<Worklist> {
      const { items, truncated } = await rows(actor, query, WORKLIST_LIMIT);
      const areas = new Map<string, { code: string; name: string; people: number; withCase: number }>();
      for (const row of items) {
        for (const [code, name] of [
          [row.county, row.countyName],
          [row.township, row.townshipName],
        ] as const) {
          const area = areas.get(code) ?? { code, name, people: 0, withCase: 0 };
          area.people += 1;
          if (row.caseId) area.withCase += 1;
          areas.set(code, area);
        }
      }
      const byArea = [...areas.values()].sort((a, b) => a.code.localeCompare(b.code));
      return {
        kind: query.kind,
        caseKind: caseKindOfWorklist(query.kind),
        items,
        byArea,
        total: items.length,
        truncated,
      };
    },

    /** Every row for a download, after its audit record (personal data leaves the platform). */
    async export(actor: SessionUser, query: WorklistQuery, format: string, requestId: string) {
      const { items } = await rows(actor, query, EXPORT_LIMIT);
      await repo.audit({
        actor,
        action: 'insurance.worklist.export',
        entity: 'insurance_worklist',
        entityId: query.kind,
        requestId,
        details: {
          format,
          kind: query.kind,
          county: query.county ?? null,
          township: query.township ?? null,
          rows: items.length,
        },
      });
      return items;
    },

    /** Counties and townships of the officer's scope, for the filters. */
    async areas(actor: SessionUser) {
      const ref = await reference();
      return (await repo.areasUnder(scopePrefix(actor))).map((code) => ({ code, name: ref.regionName(code) }));
    },

    /** The figures of the region and of each area one level down (counties, or a county's townships). */
    async coverageByArea(actor: SessionUser, filter: { county?: string | undefined; township?: string | undefined }) {
      const prefix = narrowedPrefix(actor, filter);
      const ref = await reference();
      const childLength = prefix.length < 6 ? 6 : prefix.length < 9 ? 9 : 0;
      const children = childLength ? (await repo.areasUnder(prefix)).filter((c) => c.length === childLength) : [];
      const today = now();
      const areas = await Promise.all(
        children.map(async (code) => ({
          code,
          name: ref.regionName(code),
          values: await coverageValues(repo, code, today),
        })),
      );
      return { regionCode: prefix, values: await coverageValues(repo, prefix, today), areas };
    },

    /** The social-insurance figures (coverage-figures.ts) of a region prefix, today. */
    async coverage(actor: SessionUser, filter: { county?: string | undefined; township?: string | undefined }) {
      const prefix = narrowedPrefix(actor, filter);
      return { regionCode: prefix, values: await coverageValues(repo, prefix, now()) };
    },
  };
}

export type WorklistsService = ReturnType<typeof createWorklistsService>;
