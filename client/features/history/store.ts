// The history page of one object: its versions on the timeline, the two being compared (A and
// B, fetched once each and kept), and restoring a version (a 409 means someone else wrote first).
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Problem } from '../../../server/domain/problems';
import { fetchVersion, fetchVersions, restoreVersion, type ObjectState } from './api';
import { loadProblem, type ApiError } from '../../shared/api/client';
import { diffAttributes, diffShapes, frameOf } from './diff';
import { buildTimeline, initialPair, type TimelineRow } from './timeline';
import { useLocaleStore } from '../../shared/stores/locale';
import { useSessionStore } from '../../shared/stores/session';

export type HistoryProblem = 'missing' | 'signIn' | 'forbidden' | 'notFound' | { failed: string };
/** A refused restore carries the server's problems (why the community could not be restored whole). */
export type RestoreOutcome =
  | { kind: 'restored'; from: number; version: number }
  | { kind: 'conflict' }
  | { kind: 'refused'; error: ApiError; problems: Problem[] }
  | { kind: 'failed'; error: ApiError };
export type Slot = 'a' | 'b';

export const useHistoryStore = defineStore('history', () => {
  const type = ref('');
  const id = ref('');
  const rows = shallowRef<TimelineRow[]>([]);
  /** Versions fetched so far, by number; a version never changes, so it is fetched once. */
  const states = shallowRef(new Map<number, ObjectState>());
  const a = ref<number | null>(null);
  const b = ref<number | null>(null);
  const loading = ref(false);
  const problem = ref<HistoryProblem | null>(null);
  const restoring = ref(false);
  const outcome = ref<RestoreOutcome | null>(null);
  /** Bumped by every load: an answer for an earlier one is dropped. */
  let generation = 0;

  const current = computed(() => rows.value.find((r) => r.current) ?? null);
  const currentState = computed(() => (current.value ? (states.value.get(current.value.version) ?? null) : null));
  const stateA = computed(() => (a.value === null ? null : (states.value.get(a.value) ?? null)));
  const stateB = computed(() => (b.value === null ? null : (states.value.get(b.value) ?? null)));
  // An organisation or an old village name has no place: nothing to draw or compare on the map.
  const shapes = computed(() => (stateA.value?.geometry && stateB.value?.geometry ? diffShapes(stateA.value.geometry, stateB.value.geometry) : null));
  const attributes = computed(() => (stateA.value && stateB.value ? diffAttributes(stateA.value.attributes, stateB.value.attributes) : []));
  const frame = computed(() => {
    const x = stateA.value ?? currentState.value;
    const y = stateB.value ?? x;
    return x?.geometry && y?.geometry ? frameOf(x.geometry, y.geometry) : null;
  });

  function toProblem(err: unknown): HistoryProblem {
    const problem = loadProblem(err, useLocaleStore().locale);
    if (problem === 'signIn') useSessionStore().expired();
    return problem;
  }

  async function ensure(version: number, mine: number) {
    if (states.value.has(version)) return;
    const state = await fetchVersion(type.value, id.value, version);
    if (mine !== generation) return;
    states.value = new Map(states.value).set(version, state);
  }

  /** Loads the timeline; the comparison starts at "the last change" (previous vs current). */
  async function load(nextType: string | null, nextId: string | null) {
    const mine = ++generation;
    problem.value = null;
    if (!nextType || !nextId) {
      rows.value = [];
      problem.value = 'missing';
      return;
    }
    if (nextType !== type.value || nextId !== id.value) states.value = new Map();
    type.value = nextType;
    id.value = nextId;
    loading.value = true;
    try {
      const list = buildTimeline(await fetchVersions(nextType, nextId));
      if (mine !== generation) return;
      rows.value = list;
      const pair = initialPair(list);
      a.value = pair?.a ?? null;
      b.value = pair?.b ?? null;
      const wanted = new Set([list[0]?.version, a.value, b.value].filter((v): v is number => typeof v === 'number'));
      await Promise.all([...wanted].map((v) => ensure(v, mine)));
    } catch (err) {
      if (mine === generation) problem.value = toProblem(err);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  async function choose(slot: Slot, version: number) {
    if (slot === 'a') a.value = version;
    else b.value = version;
    try {
      await ensure(version, generation);
    } catch (err) {
      problem.value = toProblem(err);
    }
  }

  /** Brings `version` back as a new version, from the current version the page shows. */
  async function restore(version: number) {
    const from = current.value?.version;
    if (from === undefined || restoring.value) return;
    restoring.value = true;
    outcome.value = null;
    const answer = await restoreVersion(type.value, id.value, version, from);
    if (answer.kind === 'saved') outcome.value = { kind: 'restored', from: version, version: answer.result.version };
    else if (answer.kind === 'conflict') outcome.value = { kind: 'conflict' };
    else if (answer.kind === 'refused') outcome.value = { kind: 'refused', error: answer.error, problems: answer.problems };
    else outcome.value = { kind: 'failed', error: answer.error };
    restoring.value = false;
    // Either way the timeline is what the server has now.
    await load(type.value, id.value);
  }

  return { type, id, rows, a, b, loading, problem, restoring, outcome, current, currentState, stateA, stateB, shapes, attributes, frame, load, choose, restore };
});
