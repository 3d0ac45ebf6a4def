// The area page (/area?id=…): the saved grouping, the draft being edited with its undo stack,
// the building picked for a move, an automatic proposal's settings, and the lead form's save.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Problem } from '../../../server/domain/problems';
import { loadProblem, type LoadProblem } from '../../shared/api/client';
import { fetchGrouping, proposeGrouping, saveGrouping, saveLead, type AreaGrouping, type GroupMeasure } from './api';
import { draftFromProposal, draftOf, isChanged, moveBuilding, saveRequest, type Draft } from './draft';
import { useLocaleStore } from '../../shared/stores/locale';

export type GroupsProblem = 'noArea' | LoadProblem;
/**
 * What the last save (groups or lead) came to; `stale` means someone else saved first and the
 * page reloaded; a refusal's `error` and `problems` are rendered in the reader's language.
 */
export type SaveOutcome = { kind: 'saved' } | { kind: 'stale' } | { kind: 'refused'; error: unknown; problems: Problem[] };

const refusal = (error: unknown, problems: Problem[] = []): SaveOutcome => ({ kind: 'refused', error, problems });

export const useGroupsStore = defineStore('groups', () => {
  const areaId = ref<string | null>(null);
  const grouping = ref<AreaGrouping | null>(null);
  const draft = ref<Draft>({ groups: [], removed: [] });
  const undoStack = ref<Draft[]>([]);
  const selected = ref<string | null>(null);
  const loading = ref(false);
  const problem = ref<GroupsProblem | null>(null);
  const proposing = ref(false);
  const saving = ref(false);
  const groupsOutcome = ref<SaveOutcome | null>(null);
  const leadOutcome = ref<SaveOutcome | null>(null);
  const targetSize = ref(10);
  const measure = ref<GroupMeasure>('partyMembers');

  const buildings = computed(() => new Map((grouping.value?.groups ?? []).flatMap((g) => g.buildings.map((b) => [b.id, b] as const))));
  const changed = computed(() => grouping.value !== null && isChanged(grouping.value, draft.value));

  function show(next: AreaGrouping) {
    grouping.value = next;
    draft.value = draftOf(next);
    undoStack.value = [];
    selected.value = null;
  }

  async function load(id: string | null) {
    areaId.value = id;
    grouping.value = null;
    problem.value = null;
    groupsOutcome.value = null;
    leadOutcome.value = null;
    if (!id) {
      problem.value = 'noArea';
      return;
    }
    loading.value = true;
    try {
      show(await fetchGrouping(id));
    } catch (err) {
      problem.value = loadProblem(err, useLocaleStore().locale);
    } finally {
      loading.value = false;
    }
  }

  function edit(next: Draft) {
    if (next === draft.value) return;
    undoStack.value = [...undoStack.value, draft.value];
    draft.value = next;
    groupsOutcome.value = null;
  }

  async function propose() {
    if (!grouping.value || !areaId.value) return;
    proposing.value = true;
    groupsOutcome.value = null;
    try {
      edit(draftFromProposal(grouping.value, await proposeGrouping(areaId.value, targetSize.value, measure.value)));
    } catch (err) {
      groupsOutcome.value = refusal(err);
    } finally {
      proposing.value = false;
    }
  }

  function move(buildingId: string, toKey: string) {
    edit(moveBuilding(draft.value, buildingId, toKey));
  }

  function undo() {
    const previous = undoStack.value.at(-1);
    if (!previous) return;
    undoStack.value = undoStack.value.slice(0, -1);
    draft.value = previous;
    groupsOutcome.value = null;
  }

  function discard() {
    if (grouping.value) show(grouping.value);
    groupsOutcome.value = null;
  }

  async function save() {
    if (!areaId.value) return;
    saving.value = true;
    try {
      const answer = await saveGrouping(areaId.value, saveRequest(draft.value));
      if (answer.kind === 'saved') {
        show(answer.result);
        groupsOutcome.value = { kind: 'saved' };
      } else if (answer.kind === 'conflict' && answer.current) {
        show(answer.current);
        groupsOutcome.value = { kind: 'stale' };
      } else groupsOutcome.value = refusal(answer.error, answer.kind === 'refused' ? answer.problems : []);
    } finally {
      saving.value = false;
    }
  }

  async function saveLeadAs(name: string, phone: string) {
    const g = grouping.value;
    if (!g || !areaId.value) return;
    saving.value = true;
    try {
      const answer = await saveLead(areaId.value, g.area.version, name, phone);
      const now = answer.kind === 'saved' ? answer.result : answer.kind === 'conflict' ? answer.current : null;
      if (now) g.area = { ...g.area, version: now.version, leadName: String(now.attributes.leadName), leadPhone: String(now.attributes.leadPhone) };
      if (answer.kind === 'saved') leadOutcome.value = { kind: 'saved' };
      else if (now) leadOutcome.value = { kind: 'stale' };
      else leadOutcome.value = refusal(answer.error, answer.kind === 'refused' ? answer.problems : []);
    } finally {
      saving.value = false;
    }
  }

  return {
    areaId, grouping, draft, undoStack, selected, loading, problem, proposing, saving, groupsOutcome, leadOutcome, targetSize, measure,
    buildings, changed, load, propose, move, undo, discard, save, saveLeadAs,
  };
});
