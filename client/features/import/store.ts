// 数据导入's state: the import being built (as the server last answered it), the admin's past
// imports, the step running now (with its upload's progress and its start, for the elapsed
// time), what the last step came to, and the preview map's data. Every step sends the version
// the page holds; a stale one (409) shows the import as it is now instead.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { LAYER_ORDER, LAYER_SPECS, type ImportLayer } from '../../../server/domain/layers';
import type { Problem } from '../../../server/domain/problems';
import type { ImportProblem } from '../../../server/features/import/types';
import { ApiError, fetchLayer, loadProblem, type LoadProblem } from '../../shared/api/client';
import type { UnitCollection } from '../../shared/api/types';
import { useLocaleStore } from '../../shared/stores/locale';
import {
  checkImport, commitImport, createImport, discardImport, dropLayer, fetchImport, fetchPreview, listImports, mapLayer, undoImport, uploadLayer,
  type ImportListItem, type ImportState, type MappingChoice, type PreviewCollection, type StepOutcome,
} from './api';
import { assignFiles } from './files';
import { boxOf, problemPlace } from './report';

export type Step = 'start' | 'upload' | 'read' | 'map' | 'drop' | 'check' | 'commit' | 'undo' | 'discard';

export interface Busy {
  step: Step;
  layer?: ImportLayer;
  file?: string;
  startedAt: number;
  sent?: number;
  total?: number;
}

export type Outcome =
  | { kind: 'done'; step: Step }
  | { kind: 'conflict'; step: Step; error: ApiError; cityChanged: boolean }
  | { kind: 'refused'; step: Step; problems: Problem[]; error: ApiError; layer?: ImportLayer; acceptWarnings: boolean }
  | { kind: 'failed'; step: Step; error: ApiError; layer?: ImportLayer; file?: string }
  | { kind: 'files'; unreadable: string[]; unassigned: string[]; twice: ImportLayer[] };

const isState = (v: unknown): v is ImportState => !!v && typeof v === 'object' && 'status' in v && 'layers' in v && 'version' in v;
const hasPlaces = (layer: ImportLayer) => LAYER_SPECS[layer].geometry !== 'none';

export const useImportStore = defineStore('import', () => {
  const current = shallowRef<ImportState | null>(null);
  const loadError = shallowRef<LoadProblem | null>(null);
  const list = shallowRef<ImportListItem[] | null>(null);
  const listError = shallowRef<LoadProblem | null>(null);
  const busy = shallowRef<Busy | null>(null);
  const outcome = shallowRef<Outcome | null>(null);
  /** What undo or discard from the list came to, shown beside the list. */
  const listOutcome = shallowRef<{ id: string; outcome: Outcome } | null>(null);
  /** The admin read the warnings and accepts them for the commit. */
  const acceptWarnings = ref(false);
  /** A commit found the import or the city moved on since the check: it must be checked again first. */
  const mustRecheck = ref(false);

  const cityNow = shallowRef<{ towns: UnitCollection | null; communities: UnitCollection | null }>({ towns: null, communities: null });
  const staged = shallowRef<Partial<Record<ImportLayer, PreviewCollection>>>({});
  const shown = ref<Set<ImportLayer>>(new Set());
  const selected = shallowRef<ImportProblem | null>(null);
  let previewKeys: Partial<Record<ImportLayer, string>> = {};
  let previewGeneration = 0;

  const layers = computed(() => LAYER_ORDER.flatMap((l) => (current.value?.layers[l] ? [current.value.layers[l]] : [])));
  /** Layers whose rows are not read yet: a column or the coordinate system must be chosen. */
  const waiting = computed(() => layers.value.filter((l) => l.rows === null));
  const isDraft = computed(() => current.value?.status === 'draft');
  const report = computed(() => current.value?.report ?? null);
  const canCheck = computed(() => isDraft.value && layers.value.length > 0 && waiting.value.length === 0 && !busy.value);
  const canCommit = computed(() => {
    const r = report.value;
    return isDraft.value && !!r && r.ok && (r.warnings === 0 || acceptWarnings.value) && !mustRecheck.value && !busy.value;
  });
  const selectedPlace = computed(() => (selected.value ? problemPlace(selected.value, staged.value) : null));
  const frame = computed(() => boxOf([selectedPlace.value]));
  const stagedFrame = computed(() => boxOf(Object.values(staged.value).flatMap((c) => c!.features.map((f) => f.geometry))));

  const locale = () => useLocaleStore().locale;

  function begin(step: Step, extra: Partial<Busy> = {}) {
    busy.value = { step, startedAt: Date.now(), ...extra };
    outcome.value = null;
  }

  function adopt(state: ImportState) {
    const reportChanged = state.report?.checkedAt !== current.value?.report?.checkedAt || state.id !== current.value?.id;
    if (reportChanged) {
      acceptWarnings.value = false;
      selected.value = null;
    }
    current.value = state;
    const url = `/import?id=${encodeURIComponent(state.id)}`;
    if (window.location.pathname + window.location.search !== url) window.history.replaceState(null, '', url);
    void refreshPreviews();
  }

  /** The step's answer: the new state, or the state as it is now (409), or why it was refused. */
  function settle(step: Step, answer: StepOutcome, extra: { layer?: ImportLayer; file?: string } = {}): boolean {
    busy.value = null;
    if (answer.kind === 'saved') {
      adopt(answer.result);
      return true;
    }
    if (answer.kind === 'conflict') {
      if (isState(answer.current)) adopt(answer.current);
      // The report in `current` is the new check's, not kept on the import: a commit needs it kept.
      if (step === 'commit') mustRecheck.value = true;
      outcome.value = { kind: 'conflict', step, error: answer.error, cityChanged: answer.error.body.code === 'import_city_changed' };
    } else if (answer.kind === 'refused') {
      const body = answer.error.body as { report?: ImportState['report']; acceptWarnings?: boolean };
      // A refused commit carries the check it ran: that is the report to read now.
      if (body.report && current.value) current.value = { ...current.value, report: body.report };
      outcome.value = { kind: 'refused', step, problems: answer.problems, error: answer.error, acceptWarnings: body.acceptWarnings === true, ...extra };
    } else {
      outcome.value = { kind: 'failed', step, error: answer.error, ...extra };
    }
    return false;
  }

  async function loadList() {
    try {
      list.value = await listImports();
      listError.value = null;
    } catch (err) {
      listError.value = loadProblem(err, locale());
    }
  }

  async function loadCity() {
    const [towns, communities] = await Promise.all([fetchLayer('towns').catch(() => null), fetchLayer('communities').catch(() => null)]);
    cityNow.value = { towns, communities };
  }

  async function open(id: string) {
    loadError.value = null;
    try {
      adopt(await fetchImport(id));
    } catch (err) {
      current.value = null;
      loadError.value = loadProblem(err, locale());
    }
  }

  /** Back to the start: the list and a new import; the open one stays in the list. */
  function close() {
    previewGeneration++;
    mustRecheck.value = false;
    current.value = null;
    outcome.value = null;
    staged.value = {};
    previewKeys = {};
    selected.value = null;
    if (window.location.pathname !== '/import' || window.location.search) window.history.replaceState(null, '', '/import');
  }

  async function start(): Promise<boolean> {
    begin('start');
    const ok = settle('start', await createImport());
    if (ok) void loadList();
    return ok;
  }

  /** Sends the files, one after the other (each step needs the version the last one made). */
  async function addFiles(files: readonly File[], chosen: ImportLayer | null): Promise<void> {
    const plan = assignFiles(files, chosen);
    if (plan.unreadable.length || plan.unassigned.length || plan.twice.length) {
      outcome.value = { kind: 'files', unreadable: plan.unreadable, unassigned: plan.unassigned, twice: plan.twice };
      if (!plan.assigned.length) return;
    }
    if (!plan.assigned.length || busy.value) return;
    if (!isDraft.value && !(await start())) return;
    for (const { file, layer } of plan.assigned) {
      const state = current.value!;
      begin('upload', { layer, file: file.name, sent: 0, total: file.size });
      const answer = await uploadLayer(state.id, layer, state.version, file, (p) => {
        busy.value = p.done ? { step: 'read', layer, file: file.name, startedAt: Date.now() } : { ...busy.value!, sent: p.sent, total: p.total };
      });
      if (!settle('upload', answer, { layer, file: file.name })) return;
    }
  }

  async function applyMapping(layer: ImportLayer, choice: MappingChoice) {
    const state = current.value;
    if (!state || busy.value) return;
    begin('map', { layer });
    settle('map', await mapLayer(state.id, layer, state.version, choice), { layer });
  }

  async function removeLayer(layer: ImportLayer) {
    const state = current.value;
    if (!state || busy.value) return;
    begin('drop', { layer });
    settle('drop', await dropLayer(state.id, layer, state.version), { layer });
  }

  async function check() {
    const state = current.value;
    if (!state || busy.value) return;
    begin('check');
    if (settle('check', await checkImport(state.id, state.version))) mustRecheck.value = false;
  }

  async function commit() {
    const state = current.value;
    if (!state || !canCommit.value) return;
    begin('commit');
    if (settle('commit', await commitImport(state.id, state.version, acceptWarnings.value))) {
      outcome.value = { kind: 'done', step: 'commit' };
      void loadList();
      void loadCity();
    }
  }

  async function discard() {
    const state = current.value;
    if (!state || busy.value) return;
    begin('discard');
    if (settle('discard', await discardImport(state.id, state.version))) {
      close();
      outcome.value = { kind: 'done', step: 'discard' };
      void loadList();
    }
  }

  /** Undo a committed import from the list: the city goes back to what it was before it. */
  async function undo(item: Pick<ImportListItem, 'id' | 'version'>) {
    if (busy.value) return;
    busy.value = { step: 'undo', startedAt: Date.now() };
    const answer = await undoImport(item.id, item.version);
    busy.value = null;
    if (answer.kind === 'saved') {
      if (current.value?.id === item.id) adopt(answer.result);
      listOutcome.value = { id: item.id, outcome: { kind: 'done', step: 'undo' } };
      void loadCity();
    } else {
      if (current.value?.id === item.id && answer.kind === 'conflict' && isState(answer.current)) current.value = answer.current;
      const failed: Outcome = answer.kind === 'conflict'
        ? { kind: 'conflict', step: 'undo', error: answer.error, cityChanged: false }
        : { kind: 'failed', step: 'undo', error: answer.error };
      listOutcome.value = { id: item.id, outcome: failed };
    }
    await loadList();
  }

  /** The staged layers' rows for the map, fetched again when a layer's rows or the report changed. */
  async function refreshPreviews() {
    const state = current.value;
    const mine = ++previewGeneration;
    if (!state) return;
    const wanted = Object.values(state.layers).filter((l) => hasPlaces(l.layer) && l.rows !== null);
    const keyOf = (l: (typeof wanted)[number]) => [state.id, l.file, l.rows, l.crs.used, JSON.stringify(l.mapping), state.report?.checkedAt].join('|');
    const next: Partial<Record<ImportLayer, PreviewCollection>> = {};
    for (const l of wanted) if (previewKeys[l.layer] === keyOf(l) && staged.value[l.layer]) next[l.layer] = staged.value[l.layer];
    for (const l of wanted) {
      if (next[l.layer]) continue;
      try {
        next[l.layer] = await fetchPreview(state.id, l.layer);
      } catch {
        // The map goes without this layer; the report still lists its problems.
      }
      if (mine !== previewGeneration) return;
    }
    const newlyShown = Object.keys(next).filter((l) => !(l in staged.value)) as ImportLayer[];
    staged.value = next;
    previewKeys = Object.fromEntries(wanted.filter((l) => next[l.layer]).map((l) => [l.layer, keyOf(l)]));
    if (newlyShown.length) shown.value = new Set([...shown.value, ...newlyShown]);
  }

  function toggleShown(layer: ImportLayer, on: boolean) {
    const next = new Set(shown.value);
    if (on) next.add(layer);
    else next.delete(layer);
    shown.value = next;
  }

  function select(p: ImportProblem | null) {
    selected.value = p;
  }

  /** A staged row clicked on the map: its first problem is picked, errors before warnings. */
  function pickRow(layer: ImportLayer, line: number) {
    const problems = (report.value?.problems ?? []).filter((p) => p.layer === layer && p.row === line);
    select(problems.find((p) => p.severity === 'error') ?? problems[0] ?? null);
  }

  return {
    current, loadError, list, listError, busy, outcome, listOutcome, acceptWarnings, mustRecheck, cityNow, staged, shown, selected,
    layers, waiting, isDraft, report, canCheck, canCommit, selectedPlace, frame, stagedFrame,
    loadList, loadCity, open, close, start, addFiles, applyMapping, removeLayer, check, commit, discard, undo, toggleShown, select, pickRow,
  };
});
