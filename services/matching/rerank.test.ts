import { describe, expect, it } from 'vitest';
import { type PairContext, scorePair } from './features.ts';
import { explain } from './reasons.ts';
import { rankJobs, rankPeople } from './rerank.ts';
import { NOW, sampleJob, samplePerson, taxonomy } from './testing/sample.ts';
import type { JobFacts, PersonProfile } from './types.ts';

const ctx: PairContext = { taxonomy, now: NOW, audience: 'person' };
const codes = (person: PersonProfile, job: JobFacts, extra: Partial<PairContext> = {}) =>
  scorePair(person, job, { ...ctx, ...extra }).contributions.map((c) => c.code);
const order = (
  person: PersonProfile,
  jobs: JobFacts[],
  extra: Parameters<typeof rankJobs>[2] = { taxonomy, now: NOW },
) => rankJobs(person, jobs, extra).map((r) => r.item.id);

describe('re-rank features', () => {
  it('puts the wanted occupation first and its category second', () => {
    const person = samplePerson({ desiredOccupations: ['C03-001'] });
    const wanted = sampleJob({ id: 'wanted', occupationCode: 'C03-001', categoryCode: 'C03' });
    const sameKind = sampleJob({ id: 'kind', occupationCode: 'C03-003', categoryCode: 'C03' });
    const other = sampleJob({ id: 'other', occupationCode: 'C02-001', categoryCode: 'C02' });
    expect(order(person, [other, sameKind, wanted])).toEqual(['wanted', 'kind', 'other']);
    expect(codes(person, wanted)).toContain('occupation_wanted');
    expect(codes(person, sameKind)).toContain('occupation_related');
  });

  it('offers no skilled trade without fit to someone who named their work; ordinary work stays last', () => {
    // A solderer who wants assembly work: welding (a trade with its own certificate) is only
    // related by skill, no fit, so it is not offered; line work without fit comes after the fit.
    const person = samplePerson({
      desiredOccupations: ['C03-001'],
      skills: [{ code: 'S-PCB-SOLDERING', level: 'skilled' }],
    });
    const assembly = sampleJob({ id: 'assembly', occupationCode: 'C03-001', categoryCode: 'C03' });
    const welding = sampleJob({
      id: 'welding',
      occupationCode: 'C15-002',
      categoryCode: 'C15',
      skillCodes: ['S-ARC-WELDING'],
      wageMin: 8000,
      wageMax: 9000,
    });
    const line = sampleJob({
      id: 'line',
      occupationCode: 'C02-001',
      categoryCode: 'C02',
      wageMin: 7000,
      wageMax: 8000,
    });
    expect(scorePair(person, welding, ctx)).toMatchObject({ fits: false, fitsWork: false });
    expect(order(person, [welding, line, assembly])).toEqual(['assembly', 'line']);
    // Someone who named no occupation takes any work: everything is offered.
    const anyWork = samplePerson({ skills: [{ code: 'S-PCB-SOLDERING', level: 'skilled' }] });
    expect(order(anyWork, [welding, line, assembly]).sort()).toEqual(['assembly', 'line', 'welding']);
  });

  it('gives a related skill part of the credit of the skill itself', () => {
    const person = samplePerson({ skills: [{ code: 'S-ARC-WELDING', level: 'skilled' }] });
    const own = sampleJob({ id: 'own', occupationCode: 'C15-002', categoryCode: 'C15', skillCodes: ['S-ARC-WELDING'] });
    const related = sampleJob({
      id: 'related',
      occupationCode: 'C03-003',
      categoryCode: 'C03',
      skillCodes: ['S-PCB-SOLDERING'],
    });
    const unrelated = sampleJob({
      id: 'unrelated',
      occupationCode: 'C02-001',
      categoryCode: 'C02',
      skillCodes: ['S-LINE-OPERATION'],
    });
    expect(order(person, [unrelated, related, own])).toEqual(['own', 'related', 'unrelated']);
    const skill = (job: JobFacts) => scorePair(person, job, ctx).contributions.find((c) => c.feature === 'skills');
    expect(skill(own)?.code).toBe('skills_all');
    expect(skill(related)?.code).toBe('skills_related');
    expect(skill(related)!.value).toBeCloseTo(skill(own)!.value / 2, 5);
    expect(skill(unrelated)?.code).toBe('skills_missing');
    expect(skill(unrelated)!.value).toBeLessThan(0);
  });

  it('does not hold unlisted skills against anyone when the job asks for none', () => {
    expect(codes(samplePerson(), sampleJob())).not.toContain('skills_missing');
  });

  it('weighs skill levels and preferred skills', () => {
    const job = sampleJob({
      occupationCode: 'C15-002',
      skillCodes: ['S-ARC-WELDING'],
      preferredSkillCodes: ['S-PCB-SOLDERING'],
    });
    const beginner = scorePair(samplePerson({ skills: [{ code: 'S-ARC-WELDING', level: 'beginner' }] }), job, ctx);
    const skilled = scorePair(samplePerson({ skills: [{ code: 'S-ARC-WELDING', level: 'skilled' }] }), job, ctx);
    const both = scorePair(
      samplePerson({
        skills: [
          { code: 'S-ARC-WELDING', level: 'skilled' },
          { code: 'S-PCB-SOLDERING', level: 'skilled' },
        ],
      }),
      job,
      ctx,
    );
    expect(beginner.raw).toBeLessThan(skilled.raw);
    expect(skilled.raw).toBeLessThanOrEqual(both.raw);
  });

  it('counts a certificate that qualifies for the occupation, and spares its holder the missing-skill penalty', () => {
    const forklift = sampleJob({ occupationCode: 'C11-003', categoryCode: 'C11', skillCodes: ['S-FORKLIFT'] });
    const certified = samplePerson({ certificates: ['CERT-FORKLIFT'] });
    expect(codes(certified, forklift)).toContain('certificate');
    expect(codes(certified, forklift)).not.toContain('skills_missing');
    expect(codes(samplePerson({ certificates: ['CERT-WELDER'] }), forklift)).not.toContain('certificate');
  });

  it('prefers own township, then county, city, province, partner region, elsewhere', () => {
    const person = samplePerson({ mobility: 'anywhere', partnerRegions: ['6404'] });
    const at = (id: string, regionCode: string) =>
      sampleJob({ id, regionCode, point: taxonomy.regionPoint(regionCode) });
    const jobs = [
      at('elsewhere', '440305'),
      at('partner', '640402'),
      at('province', '350206'),
      at('city', '350824'),
      at('county', '350821101'),
      at('township', '350821100'),
    ];
    expect(order(person, jobs)).toEqual(['township', 'county', 'city', 'province', 'partner', 'elsewhere']);
    expect(codes(person, jobs[0]!)).toContain('place_elsewhere');
  });

  it('prefers the nearer of two jobs in the same tier', () => {
    const person = samplePerson({ mobility: 'province' });
    const near = sampleJob({ id: 'near', regionCode: '350206', point: { lat: 25.2, lng: 117.0 } });
    const far = sampleJob({ id: 'far', regionCode: '350206', point: { lat: 24.5, lng: 118.1 } });
    expect(order(person, [far, near])).toEqual(['near', 'far']);
  });

  it('compares pay with the expected wage, a day wage as a month of work', () => {
    const person = samplePerson({ expectedWage: 4500 });
    expect(codes(person, sampleJob({ wageMin: 4500, wageMax: 5500 }))).toContain('wage_meets');
    // The typical pay (middle of the range) counts: 3,800–5,000 typically pays 4,400.
    expect(codes(person, sampleJob({ wageMin: 3800, wageMax: 5000 }))).toContain('wage_reaches');
    expect(codes(person, sampleJob({ wageMin: 4000, wageMax: 5000 }))).toContain('wage_meets');
    expect(codes(person, sampleJob({ wageMin: 3000, wageMax: 3500 }))).toContain('wage_below');
    expect(codes(person, sampleJob({ payBasis: 'day', wageMin: 180, wageMax: 200 }))).toContain('wage_meets');
    expect(codes(samplePerson(), sampleJob())).not.toContain('wage_meets');
  });

  it('wants a bed for someone who leaves home county and needs one', () => {
    const person = samplePerson({ mobility: 'city', needsAccommodation: true });
    const away = { regionCode: '350824', point: taxonomy.regionPoint('350824') };
    expect(codes(person, sampleJob({ ...away, accommodation: true }))).toContain('accommodation_provided');
    expect(codes(person, sampleJob({ ...away, accommodation: false }))).toContain('accommodation_missing');
    expect(codes(person, sampleJob({ accommodation: false }))).not.toContain('accommodation_missing');
  });

  it('favours a workshop near home for someone who stays, more than for someone who would move', () => {
    const workshop = sampleJob({ employerKind: 'poverty_workshop' });
    const stays = scorePair(samplePerson({ mobility: 'county' }), workshop, ctx);
    const moves = scorePair(samplePerson({ mobility: 'province' }), workshop, ctx);
    const kind = (s: typeof stays) => s.contributions.find((c) => c.code === 'workshop_near_home')!.value;
    expect(kind(stays)).toBeGreaterThan(kind(moves));
    const away = sampleJob({ employerKind: 'poverty_workshop', regionCode: '350824' });
    expect(codes(samplePerson({ mobility: 'city' }), away)).not.toContain('workshop_near_home');
  });

  it('favours the newly published', () => {
    const fresh = sampleJob({ id: 'fresh', publishedAt: NOW.getTime() / 1000 - 86_400 });
    const old = sampleJob({ id: 'old' });
    expect(order(samplePerson(), [old, fresh])).toEqual(['fresh', 'old']);
    expect(codes(samplePerson(), fresh)).toContain('fresh');
  });

  it('uses the employer’s hires and retention and how crowded the job is', () => {
    const good = sampleJob({ id: 'good', employerId: 'keeps' });
    const poor = sampleJob({ id: 'poor', employerId: 'loses' });
    const records = new Map([
      ['keeps', { hires: 6, decided: 6, retained: 6 }],
      ['loses', { hires: 6, decided: 6, retained: 1 }],
    ]);
    expect(order(samplePerson(), [poor, good], { taxonomy, now: NOW, records })).toEqual(['good', 'poor']);
    expect(codes(samplePerson(), poor, { record: records.get('loses') })).toContain('record_poor');
    const crowding = new Map([['busy', { open: 12, taken: 0 }]]);
    const busy = sampleJob({ id: 'busy', headcount: 2 });
    const quiet = sampleJob({ id: 'quiet', headcount: 6 });
    expect(order(samplePerson(), [busy, quiet], { taxonomy, now: NOW, crowding })).toEqual(['quiet', 'busy']);
    expect(codes(samplePerson(), busy, { crowding: { open: 12, taken: 0 } })).toContain('crowded');
    expect(codes(samplePerson(), busy, { crowding: { open: 0, taken: 2 } })).toContain('crowded_full');
  });

  it('sinks a job the person said "not interested" in below every other', () => {
    const person = samplePerson({ desiredOccupations: ['C02-001'] });
    const liked = sampleJob({ id: 'liked', occupationCode: 'C03-001', categoryCode: 'C03', regionCode: '350824' });
    const disliked = sampleJob({ id: 'disliked' });
    const feedback = { notInterested: new Set(['disliked']), notInterestedOccupations: new Set(['C02-001']) };
    const ranked = rankJobs(person, [disliked, liked], { taxonomy, now: NOW, feedback });
    expect(ranked.map((r) => r.item.id)).toEqual(['liked', 'disliked']);
    expect(ranked[1]!.contributions.map((c) => c.code)).toContain('not_interested');
    const similar = sampleJob({ id: 'similar' });
    expect(codes(person, similar, { feedback })).toContain('similar_not_interested');
  });

  it('keeps every score within 0..1, best first', () => {
    const people = [
      samplePerson(),
      samplePerson({
        desiredOccupations: ['C03-001'],
        skills: [{ code: 'S-ELEC-ASSEMBLY', level: 'expert' }],
        expectedWage: 3000,
      }),
      samplePerson({
        expectedWage: 9000,
        needsAccommodation: true,
        mobility: 'anywhere',
        hardToEmploy: true,
        disability: true,
      }),
    ];
    const jobs = [
      sampleJob({
        id: 'a',
        occupationCode: 'C03-001',
        skillCodes: ['S-ELEC-ASSEMBLY', 'S-ESD'],
        employerKind: 'poverty_workshop',
        disabilityFriendly: true,
        publishedAt: NOW.getTime() / 1000,
        accommodation: true,
      }),
      sampleJob({
        id: 'b',
        regionCode: '640402',
        point: taxonomy.regionPoint('640402'),
        skillCodes: ['S-FORKLIFT'],
        wageMax: 2000,
      }),
      sampleJob({ id: 'c', publicWelfarePost: true }),
    ];
    for (const person of people) {
      const ranked = rankJobs(person, jobs, {
        taxonomy,
        now: NOW,
        records: new Map([['e1', { hires: 9, decided: 9, retained: 9 }]]),
        crowding: new Map([['b', { open: 40, taken: 0 }]]),
        feedback: { notInterested: new Set(['c']), notInterestedOccupations: new Set() },
      });
      for (const r of ranked) {
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
      }
      expect(ranked.map((r) => r.raw)).toEqual([...ranked.map((r) => r.raw)].sort((x, y) => y - x));
    }
  });

  it('ranks people for a job without showing an employer anything sensitive', () => {
    const job = sampleJob({ disabilityFriendly: true, publicWelfarePost: true });
    const person = samplePerson({ disability: true, hardToEmploy: true });
    const [forEmployer] = rankPeople(job, [person], { taxonomy, now: NOW, audienceOf: () => 'employer' });
    const [forOfficer] = rankPeople(job, [person], { taxonomy, now: NOW, audienceOf: () => 'officer' });
    const seen = (r: typeof forEmployer) => r!.contributions.map((c) => c.code);
    expect(seen(forEmployer)).not.toContain('disability_friendly');
    expect(seen(forEmployer)).not.toContain('public_welfare');
    expect(seen(forOfficer)).toEqual(expect.arrayContaining(['disability_friendly', 'public_welfare']));
    expect(seen(forEmployer)).not.toContain('fresh');
  });
});

describe('reasons', () => {
  const person = samplePerson({
    desiredOccupations: ['C03-003'],
    skills: [{ code: 'S-ARC-WELDING', level: 'skilled' }],
    expectedWage: 6000,
  });
  const job = sampleJob({
    occupationCode: 'C03-003',
    categoryCode: 'C03',
    skillCodes: ['S-PCB-SOLDERING'],
    wageMax: 5000,
  });

  it('gives a plain Chinese reason for every feature that moved the match, strongest first', () => {
    const { contributions } = scorePair(person, job, ctx);
    const reasons = explain(contributions, { lang: 'zh-CN', audience: 'person', taxonomy });
    expect(reasons.map((r) => r.code).sort()).toEqual(contributions.map((c) => c.code).sort());
    expect(reasons.find((r) => r.code === 'occupation_wanted')?.text).toBe('是您想做的工作：插件焊锡工');
    expect(reasons.find((r) => r.code === 'skills_related')?.text).toBe('您会相近的技能（电焊），上手快');
    expect(reasons.find((r) => r.code === 'wage_below')?.text).toBe('最高 5,000 元，比您想要的少 1,000 元');
    expect(reasons.find((r) => r.code === 'place_township')?.text).toBe('就在您住的乡镇');
    const strength = reasons.map((r) => Math.abs(contributions.find((c) => c.code === r.code)!.value));
    expect(strength).toEqual([...strength].sort((a, b) => b - a));
    expect(reasons.find((r) => r.code === 'wage_below')?.good).toBe(false);
  });

  it('speaks English when asked, naming places and skills in English', () => {
    const far = sampleJob({
      regionCode: '350824',
      point: taxonomy.regionPoint('350824'),
      skillCodes: ['S-PCB-SOLDERING'],
    });
    const reasons = explain(
      scorePair(samplePerson({ mobility: 'city', skills: person.skills }), far, ctx).contributions,
      {
        lang: 'en',
        audience: 'person',
        taxonomy,
      },
    );
    expect(reasons.find((r) => r.code === 'place_city')?.text).toMatch(
      /^In your city \(Wuping County, Longyan City\), about [\d.]+ km from home$/,
    );
    expect(reasons.find((r) => r.code === 'skills_related')?.text).toBe(
      'You have related skills (Arc welding), quick to learn',
    );
  });

  it('has a text in both languages for every code the features can give', () => {
    const all = new Set<string>();
    const variants: Array<[PersonProfile, JobFacts, Partial<PairContext>]> = [
      [person, job, {}],
      [
        samplePerson({
          certificates: ['CERT-FORKLIFT'],
          needsAccommodation: true,
          mobility: 'anywhere',
          partnerRegions: ['6404'],
          disability: true,
          hardToEmploy: true,
          expectedWage: 3000,
        }),
        sampleJob({
          occupationCode: 'C11-003',
          regionCode: '640402',
          point: null,
          accommodation: true,
          disabilityFriendly: true,
          publicWelfarePost: true,
          publishedAt: NOW.getTime() / 1000 - 5 * 86_400,
        }),
        { record: { hires: 1, decided: 0, retained: 0 }, crowding: { open: 0, taken: 5 } },
      ],
      [
        samplePerson({ desiredOccupations: ['C03-001'], needsAccommodation: true, mobility: 'province' }),
        sampleJob({
          occupationCode: 'C03-003',
          categoryCode: 'C03',
          regionCode: '350206',
          employerKind: 'poverty_workshop',
          publishedAt: NOW.getTime() / 1000,
        }),
        {
          record: { hires: 5, decided: 5, retained: 5 },
          crowding: { open: 9, taken: 0 },
          feedback: { notInterested: new Set(), notInterestedOccupations: new Set(['C03-003']) },
        },
      ],
    ];
    for (const [p, j, extra] of variants) {
      for (const audience of ['person', 'officer'] as const) {
        // People are ranked for a job without the job's own record, crowding or feedback on others.
        const context = audience === 'person' ? { ...ctx, ...extra } : { ...ctx, audience };
        const { contributions } = scorePair(p, j, context);
        for (const lang of ['zh-CN', 'en'] as const) {
          for (const reason of explain(contributions, { lang, audience, taxonomy })) {
            all.add(reason.code);
            expect(reason.text).not.toMatch(/matching\.reasons|\{\w+\}/);
          }
        }
      }
    }
    expect(all.size).toBeGreaterThan(12);
  });
});

describe('deterministic order', () => {
  it('settles equal scores by distance, typical pay, freshness and places, whatever the input order', () => {
    const person = samplePerson({ desiredOccupations: ['C02-001'] });
    const base = { occupationCode: 'C02-001', categoryCode: 'C02' };
    const jobs = [
      sampleJob({ ...base, id: 'b-more-places', headcount: 9 }),
      sampleJob({ ...base, id: 'c-fewer-places', headcount: 2 }),
      sampleJob({ ...base, id: 'a-fewer-places', headcount: 2 }),
    ];
    const expected = ['b-more-places', 'a-fewer-places', 'c-fewer-places'];
    expect(order(person, jobs)).toEqual(expected);
    expect(order(person, [...jobs].reverse())).toEqual(expected);
    expect(order(person, [jobs[2]!, jobs[0]!, jobs[1]!])).toEqual(expected);
  });
});
