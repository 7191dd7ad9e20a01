import { describe, expect, it } from 'vitest';
import { planKindOf, programmesFor } from './claim-kinds.ts';

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
});
