// Pairings (结对共建) on the coverage map: whether the layer is on, which kinds are shown, the
// answer for the coverage map's town, what the pointer is over and the community picked from the
// list. Asked only while the layer is on; a newer question drops an older answer.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { describeError } from '../../shared/api/client';
import { fetchPairings, PAIRING_KIND_LIST, type PairedCommunity, type PairingKind, type Pairings } from './pairingsApi';
import type { PairingHover } from './pairingLayers';
import type { LoadState } from './store';
import { useLocaleStore } from '../../shared/stores/locale';

export const usePairingsStore = defineStore('pairings', () => {
  const shown = ref(false);
  const kinds = ref<PairingKind[]>([...PAIRING_KIND_LIST]);
  const town = ref<string | null>(null);
  const answer = shallowRef<Pairings | null>(null);
  const state = ref<LoadState>('idle');
  const error = ref<string | null>(null);
  const hover = shallowRef<PairingHover | null>(null);
  const selectedId = ref<string | null>(null);

  let asking: AbortController | null = null;

  async function load() {
    asking?.abort();
    hover.value = null;
    if (!shown.value || kinds.value.length === 0) {
      answer.value = null;
      state.value = 'idle';
      return;
    }
    const controller = new AbortController();
    asking = controller;
    state.value = 'loading';
    try {
      const next = await fetchPairings(kinds.value, town.value, controller.signal);
      if (asking !== controller) return;
      answer.value = next;
      state.value = 'ready';
      error.value = null;
    } catch (err) {
      if (asking !== controller || (err instanceof DOMException && err.name === 'AbortError')) return;
      error.value = describeError(err, useLocaleStore().locale);
      state.value = 'error';
    }
  }

  function show(on: boolean) {
    shown.value = on;
    void load();
  }

  /** Unticking every kind is allowed here: the map then shows no pairings, and the list says so. */
  function setKind(kind: PairingKind, on: boolean) {
    kinds.value = PAIRING_KIND_LIST.filter((k) => (k === kind ? on : kinds.value.includes(k)));
    void load();
  }

  function setTown(next: string | null) {
    if (next === town.value) return;
    town.value = next;
    selectedId.value = null;
    if (shown.value) void load();
  }

  function select(community: PairedCommunity | null) {
    selectedId.value = community?.id ?? null;
  }

  return { shown, kinds, town, answer, state, error, hover, selectedId, show, setKind, setTown, select, load };
});
