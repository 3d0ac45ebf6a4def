// The area editor: the community's plan as loaded, the working plan with its undo history, the
// tool in hand, the live metrics, the proposal and the save. Every edit goes through `apply`,
// so each one is one undo step (a brush stroke included). The rule warnings the planner accepts
// go with the save, by key, as the server names them.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Geometry } from 'geojson';
import { buildingAdjacency, type Adjacency } from '../../../server/domain/adjacency';
import { acceptKey } from '../../../server/domain/problems';
import { describeError, loadProblem as loadProblemOf, type ApiError } from '../../shared/api/client';
import { fetchPlan, fetchProposal, savePlan, type Measure, type Proposal, type ProposalSize } from './api';
import type { Plan, PlanBuilding, PlanSaveProblem } from './types';
import { commit, endStroke as endStrokeStep, redo as redoStep, startHistory, stroke, undo as undoStep, type History } from './history';
import { planMetrics, type PlanMeasure, type PlanMetrics } from './metrics';
import { areaOutline, areaOutlines, buildingCells, type Cells, type Outline } from './outlines';
import { buildingsInCircle, buildingsInPolygon, cleanRing, estateMates, nearestBuilding, type LngLat } from './select';
import { acceptGroups, addArea, assign, deleteArea, mergeAreas, renameArea, workingFromPlan, type NewAreaNames, type WorkingPlan } from './working';
import { en } from '../../shared/i18n/en';
import { zh } from '../../shared/i18n/zh';
import { useLocaleStore } from '../../shared/stores/locale';

export type PlanTool = 'pan' | 'brush' | 'erase' | 'draw' | 'estate';
export type LoadProblem = 'noCommunity' | 'signIn' | 'forbidden' | 'notFound' | { failed: string };
/** The server's answer to the last check or save; `error` is rendered in the reader's language (describeError). */
export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving'; dryRun: boolean }
  | { kind: 'saved'; dryRun: boolean; versions: { name: string; version: number }[]; warnings: PlanSaveProblem[] }
  | { kind: 'problems'; error: ApiError; problems: PlanSaveProblem[] }
  | { kind: 'conflict'; error: ApiError }
  | { kind: 'failed'; error: ApiError };

/** A click picks the nearest building within this many metres (estate fill). */
const PICK_M = 40;

export const usePlanStore = defineStore('plan', () => {
  // A new area is named in both languages at once, whichever the planner is reading.
  const names: NewAreaNames = {
    name: (n) => zh.plan.newAreaName.replace('{n}', String(n)),
    nameEn: (n) => en.plan.newAreaName.replace('{n}', String(n)),
  };

  const communityId = ref<string | null>(null);
  const plan = shallowRef<Plan | null>(null);
  const loading = ref(false);
  const loadProblem = ref<LoadProblem | null>(null);
  const history = shallowRef<History<WorkingPlan> | null>(null);
  const cells = shallowRef<Cells>(new Map());
  /** The community's neighbour graph over `buildings`, in their order: the contiguity rule's. */
  const adjacency = shallowRef<Adjacency>(buildingAdjacency([]));
  /** Rule warnings the planner accepts, by key ("not_contiguous:A0012"). */
  const accepted = ref<Set<string>>(new Set());

  const tool = ref<PlanTool>('brush');
  const brushRadiusM = ref(60);
  const activeKey = ref<string | null>(null);
  const measure = ref<PlanMeasure>('population');
  const pointer = ref<LngLat | null>(null);
  const drawing = ref<LngLat[]>([]);
  /** A drawn polygon makes a new area, or adds to the active one. */
  const drawInto = ref<'new' | 'active'>('new');

  const proposal = shallowRef<Proposal | null>(null);
  const proposalBusy = ref(false);
  const proposalError = ref<string | null>(null);
  const saveState = ref<SaveState>({ kind: 'idle' });

  const working = computed(() => history.value?.present ?? null);
  const buildings = computed<readonly PlanBuilding[]>(() => plan.value?.buildings ?? []);
  const community = computed<Outline | null>(() => plan.value?.community.geometry ?? null);
  const canUndo = computed(() => !!history.value?.past.length);
  const canRedo = computed(() => !!history.value?.future.length);

  /** Area key → colour index: kept for an area's life, so colours do not jump on edits. */
  const colourIndex = shallowRef(new Map<string, number>());
  function colourFor(keys: readonly string[]) {
    let next = colourIndex.value;
    for (const key of keys)
      if (!next.has(key)) {
        if (next === colourIndex.value) next = new Map(next);
        next.set(key, Math.max(-1, ...next.values()) + 1);
      }
    if (next !== colourIndex.value) colourIndex.value = next;
  }

  const members = computed(() => {
    const w = working.value;
    const byArea = new Map<string, string[]>((w?.areas ?? []).map((a) => [a.key, []]));
    if (w) for (const [id, key] of Object.entries(w.assignment)) if (key) byArea.get(key)?.push(id);
    return byArea;
  });
  let outlineCache = new Map<string, { signature: string; outline: Outline | null }>();
  const outlines = computed(() => {
    if (!community.value) return new Map<string, { signature: string; outline: Outline | null }>();
    outlineCache = areaOutlines(cells.value, community.value, members.value, outlineCache);
    return outlineCache;
  });
  /** How the save names each area: its id, or "#index" in the request when new. */
  const describe = (key: string, index: number) => {
    const area = working.value?.areas[index];
    return { ref: area?.id ?? `#${index}`, name: area?.name ?? key };
  };
  const metrics = computed(() => {
    const w = working.value;
    if (!w) return null;
    return planMetrics(w.areas.map((a) => a.key), buildings.value, w.assignment, outlines.value, measure.value, adjacency.value, describe);
  });
  /** The live table's warnings with their keys and whether the planner accepts each. */
  const warnings = computed(() => (metrics.value?.warnings ?? []).map((w) => ({ ...w, key: acceptKey(w), accepted: accepted.value.has(acceptKey(w)) })));
  function acceptWarning(key: string, yes: boolean) {
    const next = new Set(accepted.value);
    if (yes) next.add(key);
    else next.delete(key);
    accepted.value = next;
  }
  const dirty = computed(() => !!history.value && history.value.past.length > 0);

  /** Groups of buildings measured like the areas (Voronoi outlines), so the tables compare alike. */
  function measureGroups(groups: readonly (readonly string[])[], by: PlanMeasure): { metrics: PlanMetrics; outlines: Map<string, { outline: Outline | null }> } {
    const keys = groups.map((_, i) => `proposal-${i}`);
    const assignment: Record<string, string | null> = {};
    groups.forEach((ids, i) => ids.forEach((id) => (assignment[id] = keys[i]!)));
    const outlines = new Map(keys.map((key, i) => [key, { outline: community.value ? areaOutline(cells.value, groups[i]!, community.value) : null }]));
    return { metrics: planMetrics(keys, buildings.value, assignment, outlines, by, adjacency.value), outlines };
  }
  /** The current areas, the proposal and its k-means baseline, all balanced by the proposal's measure. */
  const comparison = computed(() => {
    const p = proposal.value;
    const w = working.value;
    if (!p || !w) return null;
    return {
      current: planMetrics(w.areas.map((a) => a.key), buildings.value, w.assignment, outlines.value, p.by, adjacency.value, describe),
      proposed: measureGroups(p.groups.map((g) => g.buildingIds), p.by),
      baseline: p.baseline ? measureGroups(p.baseline.groups.map((g) => g.buildingIds), p.by).metrics : null,
    };
  });

  function reset(next: Plan, colours = new Map<string, number>()) {
    plan.value = next;
    cells.value = buildingCells(next.buildings, next.community.geometry);
    adjacency.value = buildingAdjacency(next.buildings.map((b) => [b.lng, b.lat]), next.community.geometry);
    accepted.value = new Set();
    outlineCache = new Map();
    colourIndex.value = colours;
    const start = workingFromPlan(next);
    colourFor(start.areas.map((a) => a.key));
    history.value = startHistory(start);
    activeKey.value = start.areas[0]?.key ?? null;
    drawing.value = [];
    proposal.value = null;
  }

  async function load(id: string | null) {
    communityId.value = id;
    plan.value = null;
    history.value = null;
    loadProblem.value = null;
    saveState.value = { kind: 'idle' };
    if (!id) {
      loadProblem.value = 'noCommunity';
      return;
    }
    loading.value = true;
    try {
      reset(await fetchPlan(id));
    } catch (err) {
      loadProblem.value = loadProblemOf(err, useLocaleStore().locale);
    } finally {
      loading.value = false;
    }
  }

  /** One edit, one undo step; within a stroke (`stroking`), the stroke's one step. */
  function apply(edit: (w: WorkingPlan) => WorkingPlan, stroking = false) {
    const h = history.value;
    if (!h) return;
    const next = edit(h.present);
    history.value = stroking ? stroke(h, next) : commit(endStrokeStep(h), next);
    colourFor(next.areas.map((a) => a.key));
    if (activeKey.value && !next.areas.some((a) => a.key === activeKey.value)) activeKey.value = next.areas[0]?.key ?? null;
    if (next !== h.present && saveState.value.kind !== 'saving') saveState.value = { kind: 'idle' };
  }

  /** A brush or eraser stroke: `start` on press, then every move while pressed. */
  function paintAt(at: LngLat, start: boolean) {
    if (tool.value !== 'brush' && tool.value !== 'erase') return;
    const target = tool.value === 'erase' ? null : activeKey.value;
    if (tool.value === 'brush' && !target) return;
    if (start) endStroke();
    const ids = buildingsInCircle(buildings.value, at, brushRadiusM.value);
    apply((w) => assign(w, ids, target), true);
  }
  function endStroke() {
    if (history.value) history.value = endStrokeStep(history.value);
  }

  function fillEstateAt(at: LngLat) {
    const b = nearestBuilding(buildings.value, at, PICK_M);
    if (!b || !activeKey.value) return;
    const key = activeKey.value;
    apply((w) => assign(w, estateMates(buildings.value, b), key));
  }

  function addVertex(at: LngLat) {
    drawing.value = [...drawing.value, at];
  }
  function cancelDrawing() {
    drawing.value = [];
  }
  /** Closes the drawn polygon: its buildings go to a new area (or the active one). */
  function closeDrawing() {
    const ring = cleanRing(drawing.value);
    drawing.value = [];
    const ids = buildingsInPolygon(buildings.value, ring);
    if (!ids.length) return;
    if (drawInto.value === 'active' && activeKey.value) {
      const key = activeKey.value;
      apply((w) => assign(w, ids, key));
      return;
    }
    let key = '';
    apply((w) => {
      const added = addArea(w, names);
      key = added.key;
      return assign(added.plan, ids, key);
    });
    activeKey.value = key;
  }

  function newArea() {
    let key = '';
    apply((w) => {
      const added = addArea(w, names);
      key = added.key;
      return added.plan;
    });
    activeKey.value = key;
  }
  const rename = (key: string, name: string, nameEn: string) => apply((w) => renameArea(w, key, name, nameEn));
  const remove = (key: string) => apply((w) => deleteArea(w, key));
  const merge = (from: string, into: string) => {
    apply((w) => mergeAreas(w, from, into));
    activeKey.value = into;
  };
  function undo() {
    if (history.value) history.value = undoStep(endStrokeStep(history.value));
  }
  function redo() {
    if (history.value) history.value = redoStep(endStrokeStep(history.value));
  }

  async function propose(size: ProposalSize, by: Measure) {
    if (!communityId.value) return;
    proposalBusy.value = true;
    proposalError.value = null;
    try {
      proposal.value = await fetchProposal(communityId.value, { ...size, by, baseline: true });
    } catch (err) {
      proposalError.value = describeError(err, useLocaleStore().locale);
    } finally {
      proposalBusy.value = false;
    }
  }
  function acceptProposal() {
    const p = proposal.value;
    if (!p) return;
    apply((w) => acceptGroups(w, p.groups.map((g) => g.buildingIds), names));
    proposal.value = null;
  }
  const dismissProposal = () => (proposal.value = null);

  const problemGeometries = computed<Geometry[]>(() => {
    const s = saveState.value;
    if (s.kind !== 'problems') return [];
    const byId = new Map(buildings.value.map((b) => [b.id, b]));
    const out: Geometry[] = [];
    for (const p of s.problems) {
      if (p.geometry) out.push(p.geometry);
      if (p.location) out.push({ type: 'Point', coordinates: p.location });
      const points = (p.ids ?? []).map((id) => byId.get(id)).filter((b): b is PlanBuilding => !!b);
      if (points.length) out.push({ type: 'MultiPoint', coordinates: points.map((b) => [b.lng, b.lat]) });
    }
    return out;
  });

  async function save(dryRun: boolean) {
    const w = working.value;
    const id = communityId.value;
    if (!w || !id || saveState.value.kind === 'saving') return;
    saveState.value = { kind: 'saving', dryRun };
    const body = {
      areas: w.areas.map((a) => ({
        ...(a.id !== undefined ? { id: a.id, version: a.version } : {}),
        name: a.name,
        ...(a.nameEn ? { nameEn: a.nameEn } : {}),
        ...(a.leadName ? { leadName: a.leadName } : {}),
        ...(a.leadPhone ? { leadPhone: a.leadPhone } : {}),
        buildings: members.value.get(a.key) ?? [],
      })),
      removed: [...w.removed],
      dryRun,
      measure: measure.value,
      acceptWarnings: warnings.value.filter((x) => x.accepted).map((x) => x.key),
    };
    const outcome = await savePlan(id, body);
    if (outcome.kind === 'saved') {
      const after = outcome.result.plan;
      const changed = new Set(outcome.result.updated);
      const versions = (after?.areas ?? []).filter((a) => changed.has(a.id)).map((a) => ({ name: a.name, version: a.version }));
      saveState.value = { kind: 'saved', dryRun, versions, warnings: outcome.result.warnings };
      if (!dryRun) {
        // Areas drawn in the session now have ids: they keep their colour and stay active.
        const savedKey = new Map(w.areas.map((a, i) => [a.key, a.id ?? outcome.result.created[`#${i}`]]));
        const colours = new Map([...colourIndex.value].map(([key, index]) => [savedKey.get(key) ?? key, index]));
        const active = activeKey.value ? savedKey.get(activeKey.value) : undefined;
        reset(after ?? (await fetchPlan(id)), colours);
        if (active && history.value?.present.areas.some((a) => a.key === active)) activeKey.value = active;
      }
    } else if (outcome.kind === 'refused') saveState.value = { kind: 'problems', error: outcome.error, problems: outcome.problems };
    else if (outcome.kind === 'conflict') saveState.value = { kind: 'conflict', error: outcome.error };
    else saveState.value = { kind: 'failed', error: outcome.error };
  }

  /** A problem's area reference: a saved area's id, or "#i" for the i-th area of the request. */
  function areaOfRef(ref: string) {
    const areas = working.value?.areas ?? [];
    return ref.startsWith('#') ? areas[Number(ref.slice(1))] : areas.find((a) => a.id === ref);
  }

  /** After a 409: drop the session's edits and start from what is saved now. */
  async function reload() {
    await load(communityId.value);
  }

  return {
    communityId, plan, loading, loadProblem, working, buildings, community, cells, adjacency, outlines, metrics, warnings, dirty, colourIndex,
    tool, brushRadiusM, activeKey, measure, pointer, drawing, drawInto, canUndo, canRedo,
    proposal, proposalBusy, proposalError, comparison, saveState, problemGeometries,
    load, paintAt, endStroke, acceptWarning, fillEstateAt, addVertex, cancelDrawing, closeDrawing, newArea, rename, remove, merge, undo, redo,
    propose, acceptProposal, dismissProposal, save, reload, areaOfRef,
  };
});
