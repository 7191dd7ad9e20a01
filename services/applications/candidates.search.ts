import type { Meilisearch } from 'meilisearch';
import { indexUid } from '../../search-index/indexes.ts';

/** The fields of the labourer index an employer may see; the index holds no personal data anyway. */
const CANDIDATE_FIELDS = [
  'id',
  'maskedName',
  'sex',
  'age',
  'regionCode',
  'skillNames',
  'desiredOccupationNames',
  'mobility',
  'expectedWage',
  'employmentStatus',
];

export interface CandidateDocument {
  id: string;
  maskedName: string;
  sex: 'male' | 'female';
  age: number;
  regionCode: string;
  skillNames: string[];
  desiredOccupationNames: string[];
  mobility: string;
  expectedWage: number | null;
  employmentStatus: string;
}

/** The labourer index as the employer's candidate finder reads it (masked fields only). */
export function createCandidateSearch(meili: Meilisearch, indexPrefix: string) {
  return {
    /** People matching the words and Meilisearch filters; newest profiles first without words. */
    async find(query: { q?: string | undefined; filter: string[]; offset: number; limit: number }) {
      const result = await meili.index<CandidateDocument>(indexUid(indexPrefix, 'labourers')).search(query.q ?? '', {
        filter: query.filter,
        ...(query.q ? {} : { sort: ['updatedAt:desc'] }),
        attributesToRetrieve: CANDIDATE_FIELDS,
        offset: query.offset,
        limit: query.limit,
      });
      return { hits: result.hits, total: result.estimatedTotalHits };
    },
  };
}

export type CandidateSearch = ReturnType<typeof createCandidateSearch>;
