// The public resident page: one area's card from the QR code, or what an address search finds:
// the cards (one after an exact hit, one an area otherwise: the server folds them) and the part
// of the address that names nothing real.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { fetchPublicArea, lookupPublic, type PublicLookup } from '../../shared/api/cards';
import { ApiError, describeError } from '../../shared/api/client';
import { useLocaleStore } from '../../shared/stores/locale';

export type ResidentProblem = 'tooMany' | 'notFound' | { failed: string };

export const useResidentStore = defineStore('resident', () => {
  /** Null until something was asked; no results is "nothing found". */
  const answer = ref<PublicLookup | null>(null);
  const busy = ref(false);
  const problem = ref<ResidentProblem | null>(null);

  async function run(task: () => Promise<PublicLookup>) {
    busy.value = true;
    problem.value = null;
    try {
      answer.value = await task();
    } catch (err) {
      answer.value = null;
      const status = err instanceof ApiError ? err.status : 0;
      problem.value = status === 429 ? 'tooMany' : status === 404 ? 'notFound' : { failed: describeError(err, useLocaleStore().locale) };
    } finally {
      busy.value = false;
    }
  }

  const search = (q: string) => run(() => lookupPublic(q));
  /** The QR code's area: its card for sure, without an address. */
  const showArea = (areaId: string) => run(async () => ({ results: [{ address: '', card: await fetchPublicArea(areaId), certainty: 'exact' as const }] }));

  return { answer, busy, problem, search, showArea };
});
