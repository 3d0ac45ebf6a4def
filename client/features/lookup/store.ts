// Staff look-up on the map page: what is typed, the suggestions for it, the answer shown on the
// card (picked from the suggestions, clicked on the map or typed as coordinates) and its area's
// shape. Searches are debounced; a newer keystroke aborts the older request, and every answer is
// tagged, so a slow, superseded response never replaces a newer one.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { describeError, fetchLayer, revealLeadPhone } from '../../shared/api/client';
import { lookupPoint, searchAddresses, type LookupResult } from './api';
import type { BBox, UnitFeature } from '../../shared/api/types';
import { parseCoordinates, type LngLat } from '../../shared/map/coordinates';
import { lookupFrame } from './frame';
import { useLocaleStore } from '../../shared/stores/locale';

/** Long enough to skip the requests of a word typed in one go, short enough to feel live. */
export const DEBOUNCE_MS = 200;

export type SearchState = 'idle' | 'loading' | 'ready' | 'error';
/** `outside`: a point look-up found no contracted area there. */
export type AnswerState = 'idle' | 'loading' | 'ready' | 'outside' | 'error';

const message = (err: unknown) => describeError(err, useLocaleStore().locale);
const aborted = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';

export const useLookupStore = defineStore('lookup', () => {
  const query = ref('');
  const suggestions = shallowRef<LookupResult[]>([]);
  const searchState = ref<SearchState>('idle');
  const searchError = ref<string | null>(null);
  /** The query read as a coordinate pair, if it is one: then Enter looks that point up. */
  const coordinates = computed<LngLat | null>(() => parseCoordinates(query.value));

  const answer = shallowRef<LookupResult | null>(null);
  const answerState = ref<AnswerState>('idle');
  const answerError = ref<string | null>(null);
  /** The point asked about when it turned out to be outside every area. */
  const outsidePoint = shallowRef<LngLat | null>(null);
  const area = shallowRef<UnitFeature | null>(null);
  /** Where the map should show the answer: set once, when the area's shape is known (or not). */
  const frame = shallowRef<BBox | null>(null);
  const revealError = ref<string | null>(null);
  /** "Pick on map": the next map click is a point look-up instead of a drill-down. */
  const picking = ref(false);

  const location = computed<LngLat | null>(() => answer.value?.location ?? outsidePoint.value);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let searching: AbortController | null = null;
  let searchGeneration = 0;
  let answerGeneration = 0;

  function cancelSearch() {
    clearTimeout(timer);
    searching?.abort();
    searching = null;
    searchGeneration++;
  }

  /** The box's text changed: search it after a pause, unless it is empty or coordinates. */
  function type(text: string) {
    query.value = text;
    cancelSearch();
    searchError.value = null;
    if (!text.trim() || coordinates.value) {
      suggestions.value = [];
      searchState.value = 'idle';
      return;
    }
    searchState.value = 'loading';
    timer = setTimeout(() => void search(text.trim()), DEBOUNCE_MS);
  }

  async function search(text: string) {
    const mine = ++searchGeneration;
    const controller = new AbortController();
    searching = controller;
    try {
      const results = await searchAddresses(text, controller.signal);
      if (mine !== searchGeneration) return;
      suggestions.value = results;
      searchState.value = 'ready';
    } catch (err) {
      if (aborted(err) || mine !== searchGeneration) return;
      suggestions.value = [];
      searchError.value = message(err);
      searchState.value = 'error';
    }
  }

  /** Shows an answer on the card and fetches its area's outline (public layer, by community). */
  async function show(result: LookupResult, mine: number) {
    answer.value = result;
    answerState.value = 'ready';
    outsidePoint.value = null;
    area.value = null;
    let shape: UnitFeature | null = null;
    try {
      const areas = await fetchLayer('areas', { community: result.community.id });
      shape = areas.features.find((f) => f.properties.id === result.area.id) ?? null;
    } catch {
      // The card stands without the outline; the marker still shows the place.
    }
    if (mine !== answerGeneration) return;
    area.value = shape;
    frame.value = lookupFrame(shape, result.location);
  }

  function choose(result: LookupResult) {
    cancelSearch();
    suggestions.value = [];
    searchState.value = 'idle';
    revealError.value = null;
    void show(result, ++answerGeneration);
  }

  /** Point look-up: a map click in picking mode, or coordinates typed into the box. */
  async function lookAt([lng, lat]: LngLat) {
    const mine = ++answerGeneration;
    cancelSearch();
    suggestions.value = [];
    searchState.value = 'idle';
    picking.value = false;
    revealError.value = null;
    answerError.value = null;
    answerState.value = 'loading';
    try {
      const result = await lookupPoint(lng, lat);
      if (mine !== answerGeneration) return;
      if (result) return await show(result, mine);
      answer.value = null;
      area.value = null;
      outsidePoint.value = [lng, lat];
      answerState.value = 'outside';
    } catch (err) {
      if (mine !== answerGeneration) return;
      answer.value = null;
      answerError.value = message(err);
      answerState.value = 'error';
    }
  }

  function close() {
    answerGeneration++;
    answer.value = null;
    area.value = null;
    frame.value = null;
    outsidePoint.value = null;
    answerState.value = 'idle';
    answerError.value = null;
    revealError.value = null;
  }

  /** Closes the suggestion list without touching the card. */
  function dismissSuggestions() {
    cancelSearch();
    suggestions.value = [];
    searchState.value = 'idle';
    searchError.value = null;
  }

  /** Everything back to empty, e.g. when the user signs out. */
  function reset() {
    dismissSuggestions();
    query.value = '';
    picking.value = false;
    close();
  }

  /** Replaces the masked phone with the full number (the server audits the reveal). */
  async function revealPhone() {
    const shown = answer.value;
    if (!shown?.lead.phoneRevealable) return;
    revealError.value = null;
    try {
      const phone = await revealLeadPhone(shown.area.id);
      if (answer.value !== shown) return; // the user moved on meanwhile
      answer.value = { ...shown, lead: { ...shown.lead, phone, phoneRevealable: false } };
    } catch (err) {
      revealError.value = message(err);
    }
  }

  return {
    query, suggestions, searchState, searchError, coordinates,
    answer, answerState, answerError, area, frame, revealError, picking, location,
    type, choose, lookAt, close, dismissSuggestions, reset, revealPhone,
  };
});
