import { describe, expect, it } from 'vitest';
import { claimLevelOf, gradeOf, GRADE_TEXTS, planKindOf, programmesFor } from './claim-kinds.ts';

describe('the plan’s certificate kinds and the subsidies they carry (plan §3(1))', () => {
  it('reads the four kinds from the certificate reference, and nothing else', () => {
    expect(planKindOf('CERT-TRAINING', 'other')).toBe('completion');
    expect(planKindOf('CERT-SECURITY', 'vocational_qualification')).toBe('qualification');
    expect(planKindOf('CERT-ELDERCARE', 'skill_level')).toBe('skill_level');
    expect(planKindOf('CERT-MATERNITY', 'special_ability')).toBe('special_ability');
    expect(planKindOf('CERT-ELECTRICIAN', 'operating_licence')).toBeNull();
    expect(planKindOf('CERT-HEALTH', 'health')).toBeNull();
    expect(planKindOf('CERT-OTHER', 'other')).toBeNull();
  });

  it('gives the training subsidy on all four and the appraisal subsidy only after an appraisal', () => {
    expect(programmesFor('completion')).toEqual(['training']);
    expect(programmesFor('skill_level')).toEqual(['training', 'appraisal']);
    expect(programmesFor('qualification')).toEqual(['training', 'appraisal']);
    expect(programmesFor('special_ability')).toEqual(['training', 'appraisal']);
    expect(programmesFor(null)).toEqual([]);
  });

  it('reads the grade from the level as the platform records it (free text), 高级技师 before 技师 and 高级', () => {
    expect(gradeOf('初级')).toBe('junior');
    expect(gradeOf('五级/初级工')).toBe('junior');
    expect(gradeOf('四级/中级工')).toBe('intermediate');
    expect(gradeOf('高级工')).toBe('senior');
    expect(gradeOf('二级/技师')).toBe('technician');
    expect(gradeOf('一级/高级技师')).toBe('senior_technician');
    expect(gradeOf('高级技师')).toBe('senior_technician');
    expect(gradeOf(' Senior ')).toBe('senior');
    expect(gradeOf('A 类')).toBeNull();
    expect(gradeOf(null)).toBeNull();
    for (const [grade, text] of Object.entries(GRADE_TEXTS)) expect(gradeOf(text)).toBe(grade);
  });

  it('prices a completion or special-ability certificate at its kind, the others at their grade', () => {
    expect(claimLevelOf('completion', null)).toBe('completion');
    expect(claimLevelOf('special_ability', '初级')).toBe('special_ability');
    expect(claimLevelOf('skill_level', '三级/高级工')).toBe('senior');
    expect(claimLevelOf('qualification', '中级')).toBe('intermediate');
    expect(claimLevelOf('skill_level', null)).toBeNull();
    expect(claimLevelOf(null, '高级')).toBeNull();
  });
});
