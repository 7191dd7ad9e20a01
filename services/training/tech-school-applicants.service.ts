import { scopePrefix } from '../platform/access/scope.ts';
import { maskName } from '../platform/crypto/pii.ts';
import { NotFoundError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { chinaDate } from '../platform/time/china-time.ts';
import { audit } from './catalogue.service.ts';
import type { ApplicantFilter, ApplicantView } from './tech-school-aid.contract.ts';
import type { RegistryYouth, TechSchoolAidRepository } from './tech-school-aid.repository.ts';
import { poorFamilyLinks, type FamilyLink } from './tech-school-families.ts';

/**
 * Ages (in the intake year) of the children listed: from junior school's end (15) to a few years
 * after senior school's (22), the 应往届 leavers technical schools take.
 */
export const APPLICANT_AGES = { min: 15, max: 22 } as const;

const thisYear = () => Number(chinaDate(new Date())!.slice(0, 4));

function view(person: RegistryYouth, link: FamilyLink, ref: ReferenceNames, locale: string): ApplicantView {
  return {
    labourerId: person.id,
    name: maskName(person.name),
    birthYear: person.birthDate.getUTCFullYear(),
    regionCode: person.regionCode,
    regionName: ref.regionNameIn(person.regionCode, locale),
    countyCode: person.regionCode.slice(0, 6),
    educationLevel: person.educationLevel!,
    leftLevel: person.educationLevel === 'senior_secondary' ? 'senior' : 'junior',
    householdLabourerId: link.householdLabourerId,
    through: link.through,
  };
}

/**
 * Potential technical-school applicants (plan §1(2) 建档立卡贫困家庭应往届初、高中毕业未能继续升学的学生;
 * §3(3) 招收贫困家庭学生到技工院校就读), from the registry rather than wishes alone: people of the region
 * aged 15–22 in the intake year whose schooling ended with junior or senior secondary school, who are
 * children of registered poor families (themselves or through their household), and for whom no place
 * is recorded (a withdrawn one aside). Officers go through the list per county and record a place.
 */
export function createTechSchoolApplicants(deps: {
  repo: TechSchoolAidRepository;
  reference: () => Promise<ReferenceNames>;
}) {
  const { repo, reference } = deps;

  async function applicants(prefix: string, year: number) {
    const youth = await repo.youngSchoolLeavers(prefix, {
      from: year - APPLICANT_AGES.max,
      to: year - APPLICANT_AGES.min,
    });
    const links = await poorFamilyLinks(repo, youth);
    const places = await repo.placesOfChildren([...links.keys()]);
    const recorded = new Set(places.filter((p) => p.state !== 'withdrawn').map((p) => p.childLabourerId));
    return youth
      .filter((p) => links.has(p.id) && !recorded.has(p.id))
      .map((p) => ({ person: p, link: links.get(p.id)! }));
  }

  async function list(actor: SessionUser, filter: ApplicantFilter, locale = 'zh-CN') {
    const scope = scopePrefix(actor);
    const prefix = filter.regionCode && filter.regionCode.startsWith(scope) ? filter.regionCode : scope;
    const year = filter.year ?? thisYear();
    const ref = await reference();
    const items = (await applicants(prefix, year)).map(({ person, link }) => view(person, link, ref, locale));
    const byCounty = new Map<string, number>();
    for (const item of items) byCounty.set(item.countyCode, (byCounty.get(item.countyCode) ?? 0) + 1);
    const counties = [...byCounty]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, count]) => ({ code, name: ref.regionNameIn(code, locale), count }));
    return { year, items, counties };
  }

  return {
    list,

    /** The list for a download (names masked), audited with its filter. */
    async export(actor: SessionUser, filter: ApplicantFilter, format: string, locale: string, requestId: string) {
      await repo.audit({
        ...audit(actor, 'training.tech_school.applicants_export', 'Labourer', requestId),
        details: { format, ...filter },
      });
      return list(actor, filter, locale);
    },

    /**
     * One applicant of the actor's region, to fill the place form: the child's name in full (the
     * place records it), birth year, school level left, the family member to record through.
     */
    async prefill(actor: SessionUser, labourerId: string) {
      const [person] = await repo.people([labourerId]);
      if (!person || !person.regionCode.startsWith(scopePrefix(actor)))
        throw new NotFoundError(`Applicant ${labourerId} does not exist`);
      const link = (await poorFamilyLinks(repo, [person])).get(person.id);
      if (!link) throw new NotFoundError(`Applicant ${labourerId} is not of a registered poor family`);
      return {
        childLabourerId: person.id,
        householdLabourerId: link.householdLabourerId,
        childName: person.name,
        childBirthYear: String(person.birthDate.getUTCFullYear()),
        leftLevel: person.educationLevel === 'senior_secondary' ? 'senior' : 'junior',
        maskedName: maskName(person.name),
      };
    },
  };
}

export type TechSchoolApplicants = ReturnType<typeof createTechSchoolApplicants>;
