// The leaders' dashboard: the latest figures, how the per-town table is sorted, and whether the
// figures are loading or failed. The figures are the server's, counted on every load.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { describeError } from '../../shared/api/client';
import { fetchDashboard, type Dashboard } from './api';
import { nextSort, type SortKey, type TownSort } from './townTable';
import { useLocaleStore } from '../../shared/stores/locale';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export const useDashboardStore = defineStore('dashboard', () => {
  const dashboard = shallowRef<Dashboard | null>(null);
  const state = ref<LoadState>('idle');
  const error = ref<string | null>(null);
  /** When the figures on screen were counted. */
  const loadedAt = ref<Date | null>(null);
  const sort = ref<TownSort>({ key: 'order', descending: false });

  let generation = 0;
  async function load() {
    const mine = ++generation;
    state.value = 'loading';
    try {
      const answer = await fetchDashboard();
      if (mine !== generation) return;
      dashboard.value = answer;
      loadedAt.value = new Date();
      error.value = null;
      state.value = 'ready';
    } catch (err) {
      if (mine !== generation) return;
      error.value = describeError(err, useLocaleStore().locale);
      state.value = 'error';
    }
  }

  function sortBy(key: SortKey) {
    sort.value = nextSort(sort.value, key);
  }

  return { dashboard, state, error, loadedAt, sort, load, sortBy };
});
