// The service cards page: which community's cards, loaded once, and why they could not be.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { fetchCommunityCards, type CommunityCards } from '../api/cards';
import { ApiError } from '../api/client';

export type CardsProblem = 'noCommunity' | 'signIn' | 'forbidden' | 'notFound' | { failed: string };

export const useCardsStore = defineStore('cards', () => {
  const data = ref<CommunityCards | null>(null);
  const loading = ref(false);
  const problem = ref<CardsProblem | null>(null);
  /** When set, only this area's card (printed from an area's info panel). */
  const onlyArea = ref<string | null>(null);

  async function load(communityId: string | null, areaId: string | null) {
    data.value = null;
    problem.value = null;
    onlyArea.value = areaId;
    if (!communityId) {
      problem.value = 'noCommunity';
      return;
    }
    loading.value = true;
    try {
      data.value = await fetchCommunityCards(communityId);
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      problem.value = status === 401 ? 'signIn' : status === 403 ? 'forbidden' : status === 404 ? 'notFound' : { failed: (err as Error).message };
    } finally {
      loading.value = false;
    }
  }

  return { data, loading, problem, onlyArea, load };
});
