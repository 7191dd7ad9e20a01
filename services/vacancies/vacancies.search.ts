import type { Meilisearch, SearchParams } from 'meilisearch';
import { indexUid } from '../../search-index/indexes.ts';
import { knownJobWords } from '../../search-index/search-text.ts';
import { UnavailableError, ValidationError } from '../platform/errors/domain-errors.ts';
import { distanceKm } from '../platform/geo.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { asPhrases, type PlaceIndex, placeIndex, understandQuery, understoodFilter } from './search-query.ts';
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

/**
 * Where a query's words are looked for first: the job's names, its colloquial names and the pieces of
 * its names. Only when nothing matches there are the employer, the place and the description read
 * too, so a word that names the job does not bring every job whose description or employer mentions it.
 */
const NAME_ATTRIBUTES = ['title', 'occupationName', 'occupationAliases', 'nameGrams', 'skillNames'];

interface Stage extends Pick<SearchParams, 'attributesToSearchOn' | 'matchingStrategy'> {
  /** Chinese words as phrases (asPhrases) or as Meilisearch cuts them. */
  phrases: boolean;
  /** Only for queries of several words. */
  severalWords?: boolean;
}

/** The stages of a text search, tried in order until one finds something. */
const STAGES: Stage[] = [
  { phrases: true, attributesToSearchOn: NAME_ATTRIBUTES, matchingStrategy: 'all' },
  { phrases: true, matchingStrategy: 'all' },
  // A word no job name holds whole (种香菇): its pieces (种 as a prefix of 种植, 香菇), in the names.
  { phrases: false, attributesToSearchOn: NAME_ATTRIBUTES, matchingStrategy: 'all' },
  // Several words and no job has them all: the jobs that have the first ones.
  { phrases: true, attributesToSearchOn: NAME_ATTRIBUTES, matchingStrategy: 'last', severalWords: true },
];

/** Meilisearch refuses `attributesToSearchOn` naming a field no document of the index has yet. */
function fieldsNotYetKnown(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code === 'invalid_search_attributes_to_search_on';
}

const placeIndexes = new WeakMap<ReferenceNames, PlaceIndex>();

function placesOf(ref: ReferenceNames): PlaceIndex {
  let index = placeIndexes.get(ref);
  if (!index) placeIndexes.set(ref, (index = placeIndex(ref.places())));
  return index;
}

/** Job search for everyone, served from Meilisearch. */
export function createVacancySearch(meili: Meilisearch, indexPrefix: string, reference: () => Promise<ReferenceNames>) {
  const index = meili.index<VacancyDocument>(indexUid(indexPrefix, 'vacancies'));
  return async function search(query: SearchQuery, now = new Date()): Promise<SearchResult> {
    const understood = understandQuery(query.q ?? '', placesOf(await reference()), knownJobWords());
    const filter = [...searchFilter(query, now), ...understoodFilter(understood)];
    const sort = sortOf(query);
    const severalWords = understood.text.includes(' ');
    const stages = understood.text ? STAGES.filter((stage) => severalWords || !stage.severalWords) : [null];
    let result;
    try {
      for (const stage of stages) {
        const found = await index
          .search(stage?.phrases ? asPhrases(understood.text) : understood.text, {
            ...(stage?.attributesToSearchOn ? { attributesToSearchOn: stage.attributesToSearchOn } : {}),
            ...(stage?.matchingStrategy ? { matchingStrategy: stage.matchingStrategy } : {}),
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
          })
          .catch((error: unknown) => {
            // No document holds these fields yet (an empty index): the stage cannot match; the next one answers.
            if (stage?.attributesToSearchOn && fieldsNotYetKnown(error)) return undefined;
            throw error;
          });
        if (!found) continue;
        result = found;
        if (result.totalHits) break;
      }
    } catch (error) {
      throw new UnavailableError(`Job search is unavailable for the moment: ${(error as Error).message}`);
    }
    const point = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : null;
    if (!result) throw new UnavailableError('Job search is unavailable for the moment');
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
      understood: {
        text: understood.text,
        places: understood.places,
        conditions: understood.conditions,
        withoutPlaces: understood.withoutPlaces,
      },
    };
  };
}

export type VacancySearch = ReturnType<typeof createVacancySearch>;
