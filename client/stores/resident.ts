// The public resident page: one area's card from the QR code, or the cards an address search finds.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { fetchPublicArea, lookupPublic, type PublicMatch } from '../api/cards';
import { ApiError } from '../api/client';

export type ResidentProblem = 'tooMany' | 'notFound' | { failed: string };

export const useResidentStore = defineStore('resident', () => {
  /** Null until something was asked; an empty list is "nothing found". */
  const matches = ref<PublicMatch[] | null>(null);
  const busy = ref(false);
  const problem = ref<ResidentProblem | null>(null);

  async function run(task: () => Promise<PublicMatch[]>) {
    busy.value = true;
    problem.value = null;
    try {
      matches.value = await task();
    } catch (err) {
      matches.value = null;
      const status = err instanceof ApiError ? err.status : 0;
      problem.value = status === 429 ? 'tooMany' : status === 404 ? 'notFound' : { failed: (err as Error).message };
    } finally {
      busy.value = false;
    }
  }

  const search = (q: string) => run(() => lookupPublic(q));
  /** The QR code's area: shown as a single match without an address. */
  const showArea = (areaId: string) => run(async () => [{ address: '', card: await fetchPublicArea(areaId) }]);

  return { matches, busy, problem, search, showArea };
});
