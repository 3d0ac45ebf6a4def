// The batch look-up page: the chosen file, the address column (suggested by the server, or
// asked of the user from the file's headers when nothing looks like addresses), the job the
// server runs for it, polled until it is finished, the corrections typed into the rows to
// check, and why anything failed.
import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef } from 'vue';
import { correctRows, fetchBatch, startBatch, uploadTypeOf, type BatchStatus } from './api';
import { ApiError } from '../../shared/api/client';
import { useSessionStore } from '../../shared/stores/session';

/** Often enough that the bar moves smoothly through a 10,000-row list of a few seconds. */
const POLL_MS = 400;

/** A server's refusal or a failed batch, rendered with describeError in the reader's language. */
export type BatchProblem = { kind: 'wrongType' } | { kind: 'server'; error: unknown };

export const useBatchStore = defineStore('batch', () => {
  const file = shallowRef<File | null>(null);
  /** The column to run with; empty: let the server suggest one. */
  const column = ref('');
  /** The file's headers when the server asked which one holds the addresses. */
  const asked = ref<string[] | null>(null);
  const status = ref<BatchStatus | null>(null);
  const uploading = ref(false);
  const problem = ref<BatchProblem | null>(null);
  /** Corrected addresses typed so far, by row number in the file. */
  const fixes = reactive(new Map<number, string>());
  const correcting = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const running = computed(() => uploading.value || correcting.value || status.value?.state === 'running');
  const pendingFixes = computed(() => [...fixes].filter(([, address]) => address.trim() !== '').map(([row, address]) => ({ row, address: address.trim() })));

  function choose(next: File | null) {
    file.value = next;
    column.value = '';
    asked.value = null;
    problem.value = next && !uploadTypeOf(next.name) ? { kind: 'wrongType' } : null;
  }

  function fail(err: unknown) {
    if (err instanceof ApiError && err.status === 401) useSessionStore().expired();
    problem.value = { kind: 'server', error: err };
  }

  async function poll(id: string) {
    try {
      status.value = await fetchBatch(id);
      timer = undefined;
      if (status.value.state === 'running') timer = setTimeout(() => void poll(id), POLL_MS);
      else if (status.value.state === 'failed') problem.value = { kind: 'server', error: status.value };
    } catch (err) {
      fail(err);
    }
  }

  async function start() {
    if (!file.value || running.value) return;
    if (!uploadTypeOf(file.value.name)) return void (problem.value = { kind: 'wrongType' });
    stop();
    problem.value = null;
    status.value = null;
    fixes.clear();
    uploading.value = true;
    try {
      status.value = await startBatch(file.value, column.value || undefined);
      asked.value = null;
      column.value = status.value.column;
    } catch (err) {
      const headers = err instanceof ApiError && err.body.code === 'batch_pick_column' ? err.body.params?.headers : undefined;
      if (Array.isArray(headers)) {
        asked.value = headers.map(String);
        column.value = '';
        return;
      }
      return fail(err);
    } finally {
      uploading.value = false;
    }
    await poll(status.value.id);
  }

  /** The typed corrections matched again, only those rows; the counts and the list follow. */
  async function rerun() {
    const id = status.value?.id;
    if (!id || !pendingFixes.value.length || running.value) return;
    correcting.value = true;
    problem.value = null;
    try {
      status.value = await correctRows(id, pendingFixes.value);
      fixes.clear();
    } catch (err) {
      fail(err);
    } finally {
      correcting.value = false;
    }
  }

  /** Back on the page with a job still running: follow it again. */
  function resume() {
    if (status.value?.state === 'running' && timer === undefined) void poll(status.value.id);
  }

  function stop() {
    clearTimeout(timer);
    timer = undefined;
  }

  function reset() {
    stop();
    file.value = null;
    column.value = '';
    asked.value = null;
    status.value = null;
    problem.value = null;
    fixes.clear();
  }

  return { file, column, asked, status, uploading, correcting, problem, fixes, pendingFixes, running, choose, start, rerun, resume, stop, reset };
});
