// The batch look-up page: the chosen file, the job the server runs for it, polled until it is
// finished, and why it failed if it did.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { fetchBatch, startBatch, uploadTypeOf, type BatchStatus } from '../api/batch';
import { ApiError } from '../api/client';
import { useSessionStore } from './session';

/** Often enough that the bar moves smoothly through a 10,000-row list of a few seconds. */
const POLL_MS = 400;

export type BatchProblem = { kind: 'wrongType' } | { kind: 'server'; message: string };

export const useBatchStore = defineStore('batch', () => {
  const file = shallowRef<File | null>(null);
  const column = ref('');
  const status = ref<BatchStatus | null>(null);
  const uploading = ref(false);
  const problem = ref<BatchProblem | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const running = computed(() => uploading.value || status.value?.state === 'running');

  function choose(next: File | null) {
    file.value = next;
    problem.value = next && !uploadTypeOf(next.name) ? { kind: 'wrongType' } : null;
  }

  function fail(err: unknown) {
    if (err instanceof ApiError && err.status === 401) useSessionStore().expired();
    problem.value = { kind: 'server', message: err instanceof Error ? err.message : String(err) };
  }

  async function poll(id: string) {
    try {
      status.value = await fetchBatch(id);
      timer = undefined;
      if (status.value.state === 'running') timer = setTimeout(() => void poll(id), POLL_MS);
      else if (status.value.state === 'failed') problem.value = { kind: 'server', message: status.value.error ?? '' };
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
    uploading.value = true;
    try {
      status.value = await startBatch(file.value, column.value.trim() || undefined);
    } catch (err) {
      return fail(err);
    } finally {
      uploading.value = false;
    }
    await poll(status.value.id);
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
    status.value = null;
    problem.value = null;
  }

  return { file, column, status, uploading, problem, running, choose, start, resume, stop, reset };
});
