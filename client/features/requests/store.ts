// The request page's state: which tab, the requests of the open and closed lists with their
// counts (polled, so a newly assigned request shows without reloading), the request opened and
// what happened to the last step taken on it. Every step is a versioned write: a conflict shows
// the request as it is now and keeps what was typed.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { describeError, describeProblem, loadProblem, type LoadProblem } from '../../shared/api/client';
import { useLocaleStore } from '../../shared/stores/locale';
import { fetchRequest, fetchRequests, revealRequester, takeStep, type RequestDetail, type RequestList, type StepName } from './api';
import { fill } from './format';

export type Tab = 'open' | 'closed' | 'diary' | 'file';
/** What the last step came to, for the page to say. */
export type StepNotice = { kind: 'saved' } | { kind: 'conflict'; version: number } | { kind: 'error'; message: string };

/** How often the open list asks for news: a lead hears of a new request within this. */
export const POLL_MS = 60_000;

export const useRequestsStore = defineStore('requests', () => {
  const tab = ref<Tab>('open');
  const lists = ref<Record<'open' | 'closed', RequestList | null>>({ open: null, closed: null });
  const loading = ref(false);
  const problem = ref<LoadProblem | null>(null);
  const selected = ref<RequestDetail | null>(null);
  const notice = ref<StepNotice | null>(null);
  const busy = ref(false);
  const revealed = ref<{ id: string; name: string | null; phone: string | null } | null>(null);
  const counts = computed(() => lists.value.open?.counts ?? null);
  const locale = () => useLocaleStore().locale;

  async function load(which: 'open' | 'closed' = tab.value === 'closed' ? 'closed' : 'open') {
    loading.value = true;
    problem.value = null;
    try {
      lists.value = { ...lists.value, [which]: await fetchRequests(which) };
    } catch (err) {
      problem.value = loadProblem(err, locale());
    } finally {
      loading.value = false;
    }
  }

  async function more(which: 'open' | 'closed') {
    const list = lists.value[which];
    const last = list?.requests.at(-1);
    if (!list || !last) return;
    const next = await fetchRequests(which, last.createdAt);
    lists.value = { ...lists.value, [which]: { ...next, requests: [...list.requests, ...next.requests] } };
  }

  async function open(id: string) {
    notice.value = null;
    revealed.value = null;
    try {
      selected.value = await fetchRequest(id);
    } catch (err) {
      problem.value = loadProblem(err, locale());
    }
  }

  function close() {
    selected.value = null;
    notice.value = null;
    revealed.value = null;
  }

  /** Takes a step from the version shown; true when saved (the form may clear). */
  async function step(name: StepName, extra: { text?: string; areaId?: string } = {}): Promise<boolean> {
    const current = selected.value;
    if (!current) return false;
    busy.value = true;
    const outcome = await takeStep(current.id, { step: name, version: current.version, ...extra });
    busy.value = false;
    if (outcome.kind === 'saved') {
      selected.value = outcome.result;
      notice.value = { kind: 'saved' };
      void load('open');
      return true;
    }
    if (outcome.kind === 'conflict' && outcome.current) {
      selected.value = outcome.current;
      notice.value = { kind: 'conflict', version: outcome.current.version };
      return false;
    }
    const message = outcome.kind === 'refused' ? outcome.problems.map((p) => describeProblem(p, locale())).join('；') : describeError(outcome.error, locale());
    notice.value = { kind: 'error', message };
    return false;
  }

  async function reveal() {
    const current = selected.value;
    if (!current) return;
    try {
      revealed.value = { id: current.id, ...(await revealRequester(current.id)) };
    } catch (err) {
      notice.value = { kind: 'error', message: describeError(err, locale()) };
    }
  }

  let timer: number | undefined;
  function startPolling() {
    stopPolling();
    timer = window.setInterval(() => void load('open'), POLL_MS);
  }
  function stopPolling() {
    if (timer !== undefined) window.clearInterval(timer);
    timer = undefined;
  }

  /** The conflict sentence with the version now. */
  const conflictText = (sentence: string) => (notice.value?.kind === 'conflict' ? fill(sentence, { v: notice.value.version }) : '');

  return { tab, lists, loading, problem, selected, notice, busy, revealed, counts, load, more, open, close, step, reveal, startPolling, stopPolling, conflictText };
});
