import { describe, expect, it } from 'vitest';
import { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { ReferenceRepository } from '../platform/reference/reference.repository.ts';
import { answeredWish, offerReasonText, type ReasonCourse } from './offer-reason.ts';

const tables = [
  [
    { code: '35', name: '福建省', nameEn: 'Fujian', lat: null, lng: null },
    { code: '3508', name: '龙岩市', nameEn: 'Longyan', lat: null, lng: null },
    { code: '350821', name: '长汀县', nameEn: 'Changting County', lat: null, lng: null },
  ],
  [{ code: 'C05-005', nameZh: '养老护理员', nameEn: 'Elderly care worker', categoryCode: 'C05' }],
  [],
  [],
] as unknown as Awaited<ReturnType<ReferenceRepository['tables']>>;
const ref = await ReferenceNames.load({ tables: async () => tables });

const course: ReasonCourse = {
  title: '养老护理员培训班',
  programme: 'spring_tide',
  occupationCode: 'C05-005',
  regionCode: '350821',
  place: '县职校',
  inVillage: false,
  startsOn: new Date('2026-12-20T00:00:00Z'),
  eligibility: 'registered_poor',
};
const person = {
  regionCode: '350821104201',
  trainingWishes: ['C05-005'],
  povertyStatus: 'registered',
  povertyYear: null,
  erasedAt: null,
};

describe('offer reasons', () => {
  it('answers the wish a course of the person’s county meets, and only for people it admits', () => {
    expect(answeredWish(person, course)).toBe('C05-005');
    expect(answeredWish({ ...person, regionCode: '350424000000' }, course)).toBeNull();
    expect(answeredWish({ ...person, trainingWishes: ['spring_tide'] }, course)).toBe('spring_tide');
    expect(answeredWish({ ...person, povertyStatus: 'none' }, course)).toBeNull();
  });

  it('words the reason in Chinese and in English, naming the village delivery', () => {
    expect(offerReasonText('C05-005', course, ref, 'zh-CN')).toBe(
      '您想参加“养老护理员”培训；“养老护理员培训班”在龙岩市长汀县县职校举办，2026-12-20 开课。',
    );
    expect(offerReasonText('C05-005', course, ref, 'en')).toBe(
      'You wished for Elderly care worker training; "养老护理员培训班" is held at 县职校, Changting County, Longyan, from 2026-12-20.',
    );
    expect(offerReasonText('spring_tide', { ...course, inVillage: true }, ref, 'zh-CN')).toContain(
      '您想参加“春潮行动就业技能培训”培训；“养老护理员培训班”送培训下乡',
    );
  });
});
