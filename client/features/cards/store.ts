// The service cards page: which community's cards, loaded once, and why they could not be.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { fetchCommunityCards, type CommunityCards } from '../../shared/api/cards';
import { loadProblem, type LoadProblem } from '../../shared/api/client';
import { useLocaleStore } from '../../shared/stores/locale';

export type CardsProblem = 'noCommunity' | LoadProblem;

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
      problem.value = loadProblem(err, useLocaleStore().locale);
    } finally {
      loading.value = false;
    }
  }

  return { data, loading, problem, onlyArea, load };
});
