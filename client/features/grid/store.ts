// Map layer toggles and the data only they need, independent of the drill-down.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { describeError, fetchLayer } from '../../shared/api/client';
import type { UnitCollection } from '../../shared/api/types';
import { useLocaleStore } from '../../shared/stores/locale';

export type Consolidation = 'after' | 'before';

export const useLayersStore = defineStore('layers', () => {
  /** 'before' overlays the administrative villages as they were before consolidation. */
  const consolidation = ref<Consolidation>('after');
  const villages = shallowRef<UnitCollection | null>(null);
  const villagesLoading = ref(false);
  const villagesError = ref<string | null>(null);
  /** Whole-city communities, for the basemap's community labels. */
  const communities = shallowRef<UnitCollection | null>(null);

  async function setConsolidation(next: Consolidation) {
    consolidation.value = next;
    if (next !== 'before' || villages.value) return;
    villagesLoading.value = true;
    villagesError.value = null;
    try {
      villages.value = await fetchLayer('villages');
    } catch (err) {
      villagesError.value = describeError(err, useLocaleStore().locale);
    } finally {
      villagesLoading.value = false;
    }
  }

  async function loadCommunities() {
    // An empty city's answer is not kept: after its import the labels are asked for again.
    if (communities.value?.features.length) return;
    try {
      communities.value = await fetchLayer('communities');
    } catch {
      // Only labels depend on this; the map stays usable without them.
    }
  }

  return { consolidation, villages, villagesLoading, villagesError, communities, setConsolidation, loadCommunities };
});
