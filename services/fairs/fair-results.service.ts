import type { SessionUser } from '../platform/http/fastify-types.ts';
import { computeFairResults } from './fair-results.ts';
import type { ResultsView } from './fairs.contract.ts';
import type { FairsRepository } from './fairs.repository.ts';
import type { FairsService } from './fairs.service.ts';

/** A fair's results read from its rows and the applications that followed it. */
export function createResultsService({ repo, fairs }: { repo: FairsRepository; fairs: FairsService }) {
  async function results(actor: SessionUser, fairId: string): Promise<ResultsView> {
    const fair = await fairs.managed(actor, fairId);
    const [registrations, interactions, approved] = await repo.resultRows(fairId);
    const employerIds = approved.map((e) => e.employerId);
    const vacancies = employerIds.length ? (await repo.fairVacancies(fairId, employerIds)).length : 0;
    const attendees = registrations.filter((r) => r.checkedInAt).map((r) => r.labourerId);
    const hires = await repo.hires(attendees, employerIds);
    const computed = computeFairResults({
      startsAt: fair.startsAt,
      employers: employerIds.length,
      vacancies,
      registrations,
      interactions,
      hires,
    });
    return { fairId: fair.id, name: fair.name, ...computed };
  }

  return {
    results,
    async compare(actor: SessionUser, ids: string[]) {
      const items: ResultsView[] = [];
      for (const id of [...new Set(ids)]) items.push(await results(actor, id));
      return { items };
    },
  };
}

export type ResultsService = ReturnType<typeof createResultsService>;
