// The leaders' coverage map: which kinds and town are counted, the heatmap's weight, the latest
// figures, the what-if being tried and the proposed new sites. Every change to the what-if or the
// filter asks the server again after a short pause; a newer question aborts the older one and
// every answer is tagged, so a slow, superseded answer never replaces a newer one. Nothing is saved.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { CENTRE_KINDS } from '../../../server/domain/kinds';
import {
  fetchCoverage,
  fetchPopulation,
  fetchSites,
  type CentreKind,
  type Coverage,
  type PlacedCentre,
  type PopulationPoints,
  type SitesAnswer,
  type SitesParams,
  type UncoveredEstate,
} from './api';
import { describeError } from '../../shared/api/client';
import type { BBox } from '../../shared/api/types';
import { scopeFrame, type Town } from './scope';
import * as whatIf from './whatIf';
import type { HeatScope, HeatWeight } from './layers';
import { useLocaleStore } from '../../shared/stores/locale';

/** Short enough to follow a drag, long enough to skip the questions in between. */
export const DEBOUNCE_MS = 250;
/** How far one arrow-key press moves the selected centre; with Shift, five times as far. */
export const KEY_STEP_M = 100;

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/** The most common value (the smaller on a tie); 1 km when there is none, a kind without centres. */
function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 1000;
  let most = 0;
  for (const [v, n] of counts) if (n > most || (n === most && v < best)) [best, most] = [v, n];
  return best;
}

const aborted = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';

export const useCoverageStore = defineStore('coverage', () => {
  const locale = useLocaleStore();
  /** A failure as the reader's language says it (the server's code, rendered here). */
  const said = (err: { value: unknown }) => computed(() => (err.value === null ? null : describeError(err.value, locale.locale)));
  const kinds = ref<CentreKind[]>([...CENTRE_KINDS]);
  const town = ref<string | null>(null);
  const weight = ref<HeatWeight>('population');
  /** The heatmap shows those beyond reach, or everyone (all residents, households or party members). */
  const heatScope = ref<HeatScope>('uncovered');
  /** Everyone, per town asked (key '' for the city): it never changes with the what-if. */
  const population = shallowRef<Map<string, PopulationPoints>>(new Map());
  const populationFailure = shallowRef<unknown>(null);
  const populationError = said(populationFailure);

  const coverage = shallowRef<Coverage | null>(null);
  const state = ref<LoadState>('idle');
  const failure = shallowRef<unknown>(null);
  const error = said(failure);
  /** The centres as they are (from an answer without changes), the what-if's starting point. */
  const original = shallowRef<PlacedCentre[]>([]);
  /** Every town with its box, kept from an answer for the whole city (a town's answer names only its own). */
  const towns = shallowRef<Town[]>([]);

  const changes = shallowRef<whatIf.WhatIf>(whatIf.NO_CHANGES);
  const selectedId = ref<string | null>(null);
  /** "Add a centre": the next map click places a new one of `addKind`. */
  const adding = ref(false);
  const addKind = ref<CentreKind>('party_service');
  const addRadiusM = ref(1000);
  /** A centre is under the pointer: the map must not pan, so that a drag moves the centre. */
  const hovering = ref(false);

  const sitesParams = ref<SitesParams>({ p: 5, radiusM: 1000, candidates: 'hexes' });
  const sitesKind = ref<CentreKind>('party_service');
  const sites = shallowRef<SitesAnswer | null>(null);
  const sitesState = ref<LoadState>('idle');
  const sitesFailure = shallowRef<unknown>(null);
  const sitesError = said(sitesFailure);

  /** Where the map should fly: the town chosen under 范围, or an uncovered estate the leader clicked. */
  const frame = shallowRef<BBox | null>(null);
  const focus = shallowRef<[number, number] | null>(null);

  const centres = computed(() => {
    const large = new Set(coverage.value?.centres.filter((c) => c.large).map((c) => c.id));
    return whatIf.placeCentres(original.value, changes.value).map((c) => ({ ...c, large: large.has(c.id) }));
  });
  const selected = computed(() => centres.value.find((c) => c.id === selectedId.value) ?? null);
  const changeList = computed(() => whatIf.changeList(changes.value));
  const unchanged = computed(() => whatIf.isUnchanged(changes.value));
  const heatPoints = computed(() =>
    heatScope.value === 'everyone' ? (population.value.get(town.value ?? '')?.points ?? []) : (coverage.value?.uncoveredPoints ?? []),
  );
  /** A kind's radius as the leader set it, else its centres' most common own radius (where the slider starts). */
  const kindRadius = computed(() =>
    Object.fromEntries(
      CENTRE_KINDS.map((k) => {
        const set = changes.value.kindRadiusM[k];
        return [k, { set: set !== undefined, radiusM: set ?? mostCommon(original.value.filter((c) => c.kind === k).map((c) => c.radiusM)) }];
      }),
    ) as Record<CentreKind, { set: boolean; radiusM: number }>,
  );
  const filter = () => ({ kinds: kinds.value, town: town.value });

  let timer: ReturnType<typeof setTimeout> | undefined;
  let asking: AbortController | null = null;
  let generation = 0;

  async function ask() {
    const mine = ++generation;
    asking?.abort();
    const controller = new AbortController();
    asking = controller;
    const sent = changes.value;
    try {
      const answer = await fetchCoverage(filter(), sent, controller.signal);
      if (mine !== generation) return;
      coverage.value = answer;
      if (whatIf.isUnchanged(sent)) original.value = answer.centres;
      if (!answer.town) towns.value = answer.towns.map((t) => ({ id: t.id, name: t.name, bbox: t.bbox }));
      state.value = 'ready';
      failure.value = null;
    } catch (err) {
      if (aborted(err) || mine !== generation) return;
      failure.value = err;
      state.value = 'error';
    }
  }

  /** Asks again after a pause; the figures on screen stay until the answer replaces them. */
  function refresh(now = false) {
    clearTimeout(timer);
    state.value = 'loading';
    // Proposed sites were for the what-if as it was.
    sites.value = null;
    sitesState.value = 'idle';
    if (now) void ask();
    else timer = setTimeout(() => void ask(), DEBOUNCE_MS);
  }

  const load = () => refresh(true);

  function change(next: whatIf.WhatIf) {
    changes.value = next;
    refresh();
  }

  function setKinds(next: CentreKind[]) {
    if (next.length === 0) return; // the server counts at least one kind
    kinds.value = CENTRE_KINDS.filter((k) => next.includes(k));
    refresh(true);
  }

  function setTown(next: string | null) {
    town.value = next;
    frame.value = scopeFrame(towns.value, next) ?? frame.value;
    refresh(true);
    if (heatScope.value === 'everyone') void loadPopulation();
  }

  async function loadPopulation() {
    const key = town.value ?? '';
    if (population.value.has(key)) return;
    try {
      const answer = await fetchPopulation(town.value);
      population.value = new Map(population.value).set(key, answer);
      populationFailure.value = null;
    } catch (err) {
      populationFailure.value = err;
    }
  }

  function setHeatScope(next: HeatScope) {
    heatScope.value = next;
    if (next === 'everyone') void loadPopulation();
  }

  const originalOf = (id: string) => original.value.find((c) => c.id === id);

  function select(id: string | null) {
    selectedId.value = id;
  }

  function move(id: string, lngLat: [number, number]) {
    change(whatIf.moveCentre(changes.value, id, lngLat[0], lngLat[1]));
  }

  /** Arrow keys on the selected centre: `east`/`north` in steps. */
  function nudge(east: number, north: number, big: boolean) {
    const c = selected.value;
    if (!c || c.status === 'closed') return;
    const step = KEY_STEP_M * (big ? 5 : 1);
    move(c.id, whatIf.offsetMetres([c.lng, c.lat], east * step, north * step));
  }

  function setRadius(id: string, radiusM: number) {
    if (!(radiusM > 0 && radiusM <= 20_000)) return;
    const own = originalOf(id);
    // "No change" is the radius the centre would have without its own: its kind's, if one is set.
    change(whatIf.setRadius(changes.value, id, radiusM, own && (changes.value.kindRadiusM[own.kind] ?? own.radiusM)));
  }

  /** Every centre of a kind one radius; null gives them their own radii back. */
  function setKindRadius(kind: CentreKind, radiusM: number | null) {
    if (radiusM !== null && !(radiusM > 0 && radiusM <= 20_000)) return;
    change(whatIf.setKindRadius(changes.value, kind, radiusM));
  }

  function close(id: string) {
    change(whatIf.closeCentre(changes.value, id));
    if (!centres.value.some((c) => c.id === id)) selectedId.value = null;
  }

  function reopen(id: string) {
    change(whatIf.reopenCentre(changes.value, id));
  }

  function addAt([lng, lat]: [number, number], name: (n: string) => string) {
    const id = whatIf.nextAddedId(changes.value);
    change(whatIf.addCentre(changes.value, { id, name: name(id.slice(4)), kind: addKind.value, lng, lat, radiusM: addRadiusM.value }));
    adding.value = false;
    selectedId.value = id;
  }

  function undo(entry: whatIf.ChangeEntry) {
    change(whatIf.undoChange(changes.value, entry));
  }

  function reset() {
    selectedId.value = null;
    adding.value = false;
    change(whatIf.NO_CHANGES);
  }

  let sitesGeneration = 0;
  async function proposeSites() {
    const mine = ++sitesGeneration;
    sitesState.value = 'loading';
    sitesFailure.value = null;
    try {
      const answer = await fetchSites(filter(), changes.value, sitesParams.value);
      if (mine !== sitesGeneration) return;
      sites.value = answer;
      sitesState.value = 'ready';
    } catch (err) {
      if (mine !== sitesGeneration) return;
      sitesFailure.value = err;
      sitesState.value = 'error';
    }
  }

  /** The proposed sites become imagined centres of the chosen kind, in the what-if. */
  function addSites(name: (n: string) => string) {
    const proposed = sites.value?.sites ?? [];
    let next = changes.value;
    for (const s of proposed) {
      const id = whatIf.nextAddedId(next);
      next = whatIf.addCentre(next, { id, name: name(id.slice(4)), kind: sitesKind.value, lng: s.lng, lat: s.lat, radiusM: sitesParams.value.radiusM });
    }
    change(next);
  }

  /** Frames an uncovered estate together with its nearest centre: how far it is, at a glance. */
  function flyTo(estate: UncoveredEstate) {
    const near = estate.nearest && centres.value.find((c) => c.id === estate.nearest!.centreId);
    const xs = [estate.location[0], ...(near ? [near.lng] : [])];
    const ys = [estate.location[1], ...(near ? [near.lat] : [])];
    const margin = 0.004;
    focus.value = estate.location;
    frame.value = [Math.min(...xs) - margin, Math.min(...ys) - margin, Math.max(...xs) + margin, Math.max(...ys) + margin];
  }

  return {
    kinds, town, weight, heatScope, population, populationError, heatPoints, kindRadius, coverage, state, error, towns, changes, selectedId, adding, addKind, addRadiusM, hovering,
    sitesParams, sitesKind, sites, sitesState, sitesError, frame, focus,
    centres, selected, changeList, unchanged,
    load, setKinds, setTown, setHeatScope, select, move, nudge, setRadius, setKindRadius, close, reopen, addAt, undo, reset, proposeSites, addSites, flyTo,
  };
});
