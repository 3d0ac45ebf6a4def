// The registers page (/registers?community=…): the community's registers as last read, the tab,
// the object being edited (or the new one being placed) and its place on the map, and what the
// last write came to. Every write reloads the registers, so the figures shown are the server's.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Problem } from '../../../server/domain/problems';
import { loadProblem, type ApiError, type LoadProblem, type WriteOutcome } from '../../shared/api/client';
import { useLocaleStore } from '../../shared/stores/locale';
import { fetchRegisters, type RegisterType, type Registers } from './api';
import type { LngLat } from './drafts';

export const TABS = ['buildings', 'organisations', 'centres', 'pairings', 'aliases'] as const;
export type Tab = (typeof TABS)[number];
/** The kind of object each tab lists. */
export const TAB_TYPE: Record<Tab, RegisterType> = { buildings: 'building', organisations: 'organisation', centres: 'centre', pairings: 'pairing', aliases: 'alias' };

export type RegistersProblem = 'noCommunity' | LoadProblem;

/**
 * How the last write ended: saved (`what` names it for the status line); a conflict (someone
 * saved first: the page offers to reload); refused with its problems (warnings may be accepted
 * by ticking them and saving again); failed.
 */
export type Outcome =
  | { kind: 'saved'; what: string }
  | { kind: 'conflict'; error: ApiError }
  | { kind: 'refused'; problems: Problem[]; error: ApiError }
  | { kind: 'failed'; error: ApiError };

/** A write the page sends, given the warnings accepted so far. */
export type Send = (acceptWarnings: string[]) => Promise<WriteOutcome<unknown, unknown>>;

export const useRegistersStore = defineStore('registers', () => {
  const communityId = ref<string | null>(null);
  const registers = shallowRef<Registers | null>(null);
  const loading = ref(false);
  const problem = ref<RegistersProblem | null>(null);
  const tab = ref<Tab>('buildings');
  const selected = ref<{ type: RegisterType; id: string } | null>(null);
  /** A new object of the tab's kind is being made; a click on the map places it. */
  const adding = ref(false);
  /** Where the edited (or new) object stands in the form: moved by a drag or typed, saved with it. */
  const place = ref<LngLat | null>(null);
  const saving = ref(false);
  const outcome = ref<Outcome | null>(null);
  /** The refused write, to send again with the ticked warnings. */
  let refusedWrite: { what: string; send: Send; then?: (result: unknown) => void } | null = null;

  const selectedObject = computed(() => {
    const r = registers.value;
    const s = selected.value;
    if (!r || !s) return null;
    const list: Array<{ id: string }> = { building: r.buildings, organisation: r.organisations, centre: r.centres, pairing: r.pairings, alias: r.aliases }[s.type];
    return list.find((o) => o.id === s.id) ?? null;
  });

  async function reload(): Promise<void> {
    if (!communityId.value) return;
    try {
      registers.value = await fetchRegisters(communityId.value);
      problem.value = null;
    } catch (err) {
      problem.value = loadProblem(err, useLocaleStore().locale);
    }
    // What was edited may be gone (removed, or by someone else): the form closes with it.
    if (selected.value && !selectedObject.value) selected.value = null;
  }

  async function load(id: string | null): Promise<void> {
    communityId.value = id;
    registers.value = null;
    outcome.value = null;
    cancel();
    if (!id) {
      problem.value = 'noCommunity';
      return;
    }
    loading.value = true;
    try {
      await reload();
    } finally {
      loading.value = false;
    }
  }

  function showTab(next: Tab): void {
    tab.value = next;
    cancel();
  }

  function select(type: RegisterType, id: string, location: LngLat | null = null): void {
    selected.value = { type, id };
    adding.value = false;
    place.value = location;
    outcome.value = null;
  }

  function startAdding(): void {
    selected.value = null;
    adding.value = true;
    place.value = null;
    outcome.value = null;
  }

  function cancel(): void {
    selected.value = null;
    adding.value = false;
    place.value = null;
  }

  async function write(what: string, send: Send, then?: (result: unknown) => void, accepted: string[] = []): Promise<void> {
    saving.value = true;
    outcome.value = null;
    try {
      const answer = await send(accepted);
      refusedWrite = null;
      if (answer.kind === 'saved') {
        await reload();
        then?.(answer.result);
        // Said after `then`, which may pick what was made (and picking clears the last outcome).
        outcome.value = { kind: 'saved', what };
      } else if (answer.kind === 'refused') {
        outcome.value = { kind: 'refused', problems: answer.problems, error: answer.error };
        refusedWrite = { what, send, then };
      } else outcome.value = answer.kind === 'conflict' ? { kind: 'conflict', error: answer.error } : { kind: 'failed', error: answer.error };
    } finally {
      saving.value = false;
    }
  }

  /** Sends the refused write again, accepting the warnings ticked (by key). */
  async function acceptAndSave(keys: string[]): Promise<void> {
    if (refusedWrite) await write(refusedWrite.what, refusedWrite.send, refusedWrite.then, keys);
  }

  /** After a conflict: read the registers as they are now; the form shows them. */
  async function reloadAfterConflict(): Promise<void> {
    outcome.value = null;
    await reload();
    const o = selectedObject.value as { location?: LngLat | null } | null;
    if (o) place.value = o.location ?? null;
  }

  return {
    communityId, registers, loading, problem, tab, selected, adding, place, saving, outcome,
    selectedObject, load, reload, showTab, select, startAdding, cancel, write, acceptAndSave, reloadAfterConflict,
  };
});
