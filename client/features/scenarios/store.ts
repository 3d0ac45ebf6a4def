// The scenarios page: the list, the scenario open with its draft (edits not yet saved), the
// villages of its towns to click, its comparison with the grid, and what the last save, adoption
// or discard answered. A stale save (409) keeps the draft and offers the scenario as it is now;
// nothing is ever overwritten.
import { defineStore } from 'pinia';
import { editsTowns } from '../../../server/domain/jurisdiction';
import { computed, ref, shallowRef } from 'vue';
import { ApiError, fetchLayer, loadProblem, type LoadProblem } from '../../shared/api/client';
import type { Problem } from '../../../server/domain/problems';
import {
  changeStatus,
  createScenario,
  fetchComparison,
  fetchOutlines,
  fetchScenario,
  listScenarios,
  saveScenario,
  type Comparison,
  type GroupOutlines,
  type SaveAnswer,
  type Scenario,
  type ScenarioSummary,
} from './api';
import type { UnitCollection } from '../../shared/api/types';
import { addGroup, groupOf, placesOf, removeGroup, renameGroup, sameDraft, toggleCommunity, toggleVillage, villagesOfGroup, type Draft } from './draft';
import { useSessionStore } from '../../shared/stores/session';

export type Outcome =
  | { kind: 'saved' | 'adopted' | 'undone' | 'discarded'; version: number }
  | { kind: 'stale'; current: Scenario }
  | { kind: 'refused'; problems: Problem[] }
  /** `error` is rendered with describeError in the reader's language. */
  | { kind: 'failed'; error: unknown };
export type StatusAction = 'adopt' | 'undo-adopt' | 'discard';

const draftOf = (s: Scenario): Draft => ({ name: s.name, groups: s.groups.map((g) => ({ ...g })) });

export const useScenariosStore = defineStore('scenarios', () => {
  const list = shallowRef<ScenarioSummary[]>([]);
  const towns = shallowRef(new Map<string, string>());
  const listState = ref<'idle' | 'loading' | 'failed'>('idle');
  const current = shallowRef<Scenario | null>(null);
  const draft = shallowRef<Draft | null>(null);
  const activeKey = ref<string | null>(null);
  /** A click takes the village's whole community rather than the village. */
  const wholeCommunity = ref(false);
  const villages = shallowRef<UnitCollection | null>(null);
  const communities = shallowRef<UnitCollection | null>(null);
  const comparison = shallowRef<Comparison | null>(null);
  const outlines = shallowRef<GroupOutlines | null>(null);
  const compareState = ref<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  const busy = ref(false);
  const outcome = shallowRef<Outcome | null>(null);
  const problem = shallowRef<LoadProblem | null>(null);
  let generation = 0;

  const places = computed(() => placesOf((villages.value?.features ?? []).map((f) => ({ id: f.properties.id, communityId: f.properties.communityId ?? '' }))));
  const villageName = computed(() => new Map((villages.value?.features ?? []).map((f) => [f.properties.id, f.properties.name ?? f.properties.id])));
  const communityName = computed(() => new Map((communities.value?.features ?? []).map((f) => [f.properties.id, f.properties.name ?? f.properties.id])));
  const dirty = computed(() => !!draft.value && !!current.value && !sameDraft(draft.value, draftOf(current.value)));
  const editable = computed(() => {
    return current.value?.status === 'draft' && editsTowns(useSessionStore().user, current.value.townIds);
  });
  /** Village → index of its group in the draft (the map's colours). */
  const groupIndex = computed(() => {
    const index = new Map<string, number>();
    draft.value?.groups.forEach((g, i) => villagesOfGroup(g, places.value).forEach((v) => index.set(v, i)));
    return index;
  });
  /** The same for the saved scenario, which is what the comparison shows. */
  const savedIndex = computed(() => {
    const index = new Map<string, number>();
    current.value?.groups.forEach((g, i) => villagesOfGroup(g, places.value).forEach((v) => index.set(v, i)));
    return index;
  });

  function failed(err: unknown): unknown {
    if (err instanceof ApiError && err.status === 401) useSessionStore().expired();
    return err;
  }

  async function loadList() {
    listState.value = 'loading';
    try {
      const [scenarios, townLayer] = await Promise.all([listScenarios(), towns.value.size ? null : fetchLayer('towns')]);
      list.value = scenarios;
      if (townLayer) towns.value = new Map(townLayer.features.map((f) => [f.properties.id, f.properties.name ?? f.properties.id]));
      listState.value = 'idle';
    } catch (err) {
      failed(err);
      listState.value = 'failed';
    }
  }

  async function create(name: string): Promise<string | null> {
    busy.value = true;
    try {
      const made = await createScenario(name);
      await loadList();
      return made.id;
    } catch (err) {
      outcome.value = { kind: 'failed', error: failed(err) };
      return null;
    } finally {
      busy.value = false;
    }
  }

  async function loadPlaces(townIds: string[], mine: number) {
    const [v, c] = await Promise.all([
      Promise.all(townIds.map((town) => fetchLayer('villages', { town }))),
      Promise.all(townIds.map((town) => fetchLayer('communities', { town }))),
    ]);
    if (mine !== generation) return;
    villages.value = { type: 'FeatureCollection', features: v.flatMap((x) => x.features) };
    communities.value = { type: 'FeatureCollection', features: c.flatMap((x) => x.features) };
  }

  function take(s: Scenario) {
    current.value = s;
    draft.value = draftOf(s);
    if (!s.groups.some((g) => g.key === activeKey.value)) activeKey.value = s.groups[0]?.key ?? null;
  }

  async function open(id: string) {
    const mine = ++generation;
    problem.value = null;
    outcome.value = null;
    comparison.value = null;
    outlines.value = null;
    compareState.value = 'idle';
    try {
      const s = await fetchScenario(id);
      if (mine !== generation) return;
      take(s);
      await Promise.all([loadPlaces(s.townIds, mine), loadComparison()]);
    } catch (err) {
      if (mine !== generation) return;
      problem.value = loadProblem(failed(err));
    }
  }

  function close() {
    generation++;
    current.value = null;
    draft.value = null;
    comparison.value = null;
    outlines.value = null;
    outcome.value = null;
    problem.value = null;
  }

  /** The comparison of the scenario as saved (the rules' warnings, the change table, the outlines). */
  async function loadComparison() {
    const s = current.value;
    if (!s || !s.groups.length) {
      comparison.value = null;
      outlines.value = null;
      compareState.value = 'idle';
      return;
    }
    const mine = generation;
    compareState.value = 'loading';
    try {
      const [c, o] = await Promise.all([fetchComparison(s.id), fetchOutlines(s.id)]);
      if (mine !== generation || current.value?.version !== s.version) return;
      comparison.value = c;
      outlines.value = o;
      compareState.value = 'ready';
    } catch (err) {
      if (mine !== generation) return;
      failed(err);
      compareState.value = 'failed';
    }
  }

  function edit(next: Draft) {
    draft.value = next;
    if (outcome.value?.kind === 'saved' || outcome.value?.kind === 'refused') outcome.value = null;
  }

  function newGroup(name: string) {
    if (!draft.value) return;
    const { draft: next, key } = addGroup(draft.value, name);
    edit(next);
    activeKey.value = key;
  }
  function dropGroup(key: string) {
    if (!draft.value) return;
    edit(removeGroup(draft.value, key));
    if (activeKey.value === key) activeKey.value = draft.value.groups[0]?.key ?? null;
  }
  function rename(key: string, names: { name?: string; nameEn?: string }) {
    if (draft.value) edit(renameGroup(draft.value, key, names));
  }
  function setName(name: string) {
    if (draft.value) edit({ ...draft.value, name });
  }
  /** A village clicked on the map or picked from the list: into (or out of) the active group. */
  function pick(village: string) {
    const d = draft.value;
    if (!d || !editable.value) return;
    let key = activeKey.value;
    if (!key) {
      const made = addGroup(d, '');
      edit(made.draft);
      key = activeKey.value = made.key;
    }
    const community = places.value.communityOf.get(village);
    edit(wholeCommunity.value && community ? toggleCommunity(draft.value!, key, community, places.value) : toggleVillage(draft.value!, key, village, places.value));
  }
  /** A member's × : that village out of its group, whatever a click would take. */
  function dropVillage(key: string, village: string) {
    if (draft.value && editable.value && groupOf(draft.value, village, places.value) === key) edit(toggleVillage(draft.value, key, village, places.value));
  }
  const groupOfVillage = (village: string) => (draft.value ? groupOf(draft.value, village, places.value) : null);

  function settle(answer: SaveAnswer, done: 'saved' | 'adopted' | 'undone' | 'discarded') {
    if (answer.kind === 'saved') {
      take(answer.result);
      outcome.value = { kind: done, version: answer.result.version };
    } else if (answer.kind === 'conflict' && answer.current) outcome.value = { kind: 'stale', current: answer.current };
    else if (answer.kind === 'refused') outcome.value = { kind: 'refused', problems: answer.problems };
    else outcome.value = { kind: 'failed', error: failed(answer.error) };
  }

  async function save() {
    const s = current.value;
    const d = draft.value;
    if (!s || !d || busy.value) return;
    busy.value = true;
    try {
      const answer = await saveScenario(s.id, s.version, d.name, d.groups);
      settle(answer, 'saved');
      if (answer.kind === 'saved') await loadComparison();
    } catch (err) {
      outcome.value = { kind: 'failed', error: failed(err) };
    } finally {
      busy.value = false;
    }
  }

  /** After a 409: the scenario as it is now replaces the draft (the planner's edits are dropped). */
  function reloadStale() {
    if (outcome.value?.kind !== 'stale') return;
    take(outcome.value.current);
    outcome.value = null;
    void loadComparison();
  }

  async function setStatus(action: StatusAction) {
    const s = current.value;
    if (!s || busy.value) return;
    busy.value = true;
    try {
      const answer = await changeStatus(s.id, action, s.version);
      settle(answer, action === 'adopt' ? 'adopted' : action === 'discard' ? 'discarded' : 'undone');
      if (answer.kind === 'saved' && action !== 'discard') {
        // The villages now belong to other communities; the comparison made before adopting stays
        // on screen as what the adoption did, and an undone scenario is compared afresh.
        await loadPlaces(answer.result.townIds, generation);
        if (action === 'undo-adopt') await loadComparison();
      }
    } catch (err) {
      outcome.value = { kind: 'failed', error: failed(err) };
    } finally {
      busy.value = false;
    }
  }

  return {
    list, towns, listState, current, draft, activeKey, wholeCommunity, villages, communities, comparison, outlines, compareState, busy, outcome, problem,
    places, villageName, communityName, dirty, editable, groupIndex, savedIndex,
    loadList, create, open, close, loadComparison, newGroup, dropGroup, rename, setName, pick, dropVillage, groupOfVillage, save, reloadStale, setStatus,
  };
});
