import type { Meilisearch } from 'meilisearch';
import { indexUid } from '../../search-index/indexes.ts';
import { UnavailableError, ValidationError } from '../platform/errors/domain-errors.ts';
import { distanceKm } from '../platform/geo.ts';
import type { SearchHit, SearchQuery, SearchResult } from './vacancies.contract.ts';

const FACETS = ['categoryCode', 'employerKind', 'payBasis', 'accommodation', 'meals'];

const quote = (value: string) => `"${value.replace(/["\\]/g, '')}"`;

/** The Meilisearch filter for what anyone may see, plus the caller's filters. */
export function searchFilter(query: SearchQuery, now = new Date()): string[] {
  const filter = [
    'status = "open"',
    'employerVerified = true',
    `(expiresAt IS NULL OR expiresAt > ${Math.floor(now.getTime() / 1000)})`,
  ];
  if (query.regionCode) filter.push(`regionPrefixes = ${quote(query.regionCode)}`);
  if (query.occupationCode) filter.push(`occupationCode = ${quote(query.occupationCode)}`);
  if (query.categoryCode) filter.push(`categoryCode = ${quote(query.categoryCode)}`);
  if (query.employerKind) filter.push(`employerKind = ${quote(query.employerKind)}`);
  if (query.minWage !== undefined) filter.push(`wageMax >= ${query.minWage}`);
  if (query.accommodation !== undefined) filter.push(`accommodation = ${query.accommodation}`);
  if (query.meals !== undefined) filter.push(`meals = ${query.meals}`);
  if (query.radiusKm !== undefined) {
    if (query.lat === undefined || query.lng === undefined) {
      throw new ValidationError('A distance filter needs a point', [
        { field: 'radiusKm', code: 'needs_point', message: 'needs lat and lng' },
      ]);
    }
    filter.push(`_geoRadius(${query.lat}, ${query.lng}, ${Math.round(query.radiusKm * 1000)})`);
  }
  return filter;
}

function sortOf(query: SearchQuery): string[] | undefined {
  switch (query.sort) {
    case 'newest':
      return ['publishedAt:desc'];
    case 'wage':
      return ['wageMax:desc', 'wageMin:desc'];
    case 'distance':
      if (query.lat === undefined || query.lng === undefined) {
        throw new ValidationError('Sorting by distance needs a point', [
          { field: 'sort', code: 'needs_point', message: 'distance needs lat and lng' },
        ]);
      }
      return [`_geoPoint(${query.lat}, ${query.lng}):asc`];
    default:
      return undefined;
  }
}

interface VacancyDocument {
  id: string;
  title: string;
  employerName: string;
  employerKind: string;
  occupationName: string;
  regionCode: string;
  regionName: string;
  wageMin: number;
  wageMax: number;
  payBasis: 'month' | 'day' | 'piece';
  headcount: number;
  accommodation: boolean;
  meals: boolean;
  publishedAt: number | null;
  _geo?: { lat: number; lng: number };
}

/** Job search for everyone, served from Meilisearch. */
export function createVacancySearch(meili: Meilisearch, indexPrefix: string) {
  const index = meili.index<VacancyDocument>(indexUid(indexPrefix, 'vacancies'));
  return async function search(query: SearchQuery, now = new Date()): Promise<SearchResult> {
    const filter = searchFilter(query, now);
    const sort = sortOf(query);
    let result;
    try {
      result = await index.search(query.q ?? '', {
        filter,
        ...(sort ? { sort } : {}),
        facets: FACETS,
        hitsPerPage: query.pageSize,
        page: query.page,
        attributesToRetrieve: [
          'id',
          'title',
          'employerName',
          'employerKind',
          'occupationName',
          'regionCode',
          'regionName',
          'wageMin',
          'wageMax',
          'payBasis',
          'headcount',
          'accommodation',
          'meals',
          'publishedAt',
          '_geo',
        ],
      });
    } catch (error) {
      throw new UnavailableError(`Job search is unavailable for the moment: ${(error as Error).message}`);
    }
    const point = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : null;
    const items: SearchHit[] = result.hits.map(({ _geo, ...hit }) => ({
      ...hit,
      distanceKm: point && _geo ? Math.round(distanceKm(point, _geo) * 10) / 10 : null,
    }));
    return {
      items,
      total: result.totalHits ?? items.length,
      page: query.page,
      pageSize: query.pageSize,
      facets: (result.facetDistribution ?? {}) as Record<string, Record<string, number>>,
    };
  };
}

export type VacancySearch = ReturnType<typeof createVacancySearch>;
