// The worker threads that do the server's heavy work (analyses, file parsing, exports), so the
// event loop stays free for HTTP and the database. A job waits in its owner's queue; a free
// worker takes the next owner's oldest job in turn (round robin), so one user's ten jobs do not
// hold back another's one. A job past its time budget has its worker terminated and replaced;
// one past its memory budget kills its worker, which is replaced the same way.
import { Worker } from 'node:worker_threads';
import { HttpError } from '../http/errors';
import { errorOf, type JobFailure } from './failure';
import type { JobInput, JobName, JobOutput } from './jobs';
import { currentOwner } from './owner';
import { readRuntimeSettings, type RuntimeSettings } from './settings';
import type { JobMessage } from './worker';

interface Job {
  id: number;
  name: JobName;
  input: unknown;
  owner: string;
  resolve(value: unknown): void;
  reject(err: Error): void;
  /** Its wait for a worker, then its run, each within its budget. */
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  /** Loaded and listening: a job's budget starts only then, not while its worker boots. */
  ready: boolean;
  job?: Job;
  started?: number;
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; failure: JobFailure } | { ready: true };

const BOOT = new URL('./boot.mjs', import.meta.url);
const ENTRY = new URL('./worker.ts', import.meta.url).href;

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queues = new Map<string, Job[]>();
  private waiting = 0;
  private nextId = 1;
  private closed = false;
  /** A run's mean duration, for the Retry-After of a refusal. */
  private meanMs = 1000;

  constructor(readonly settings: RuntimeSettings) {
    for (let i = 0; i < settings.workers; i++) this.slots.push(this.spawn());
  }

  /** The job's value, computed on a worker; HttpError 503 when the queue is full or the wait too long, 422 past a budget. */
  run<N extends JobName>(name: N, input: JobInput<N>, owner = currentOwner()): Promise<JobOutput<N>> {
    if (this.closed) return Promise.reject(new Error('worker pool closed'));
    if (this.waiting >= this.settings.queueLimit) return Promise.reject(this.busy('runtime_busy'));
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, name, input, owner, resolve: resolve as (v: unknown) => void, reject };
      job.timer = setTimeout(() => this.dropWaiting(job), this.settings.waitSeconds * 1000);
      const queue = this.queues.get(owner);
      if (queue) queue.push(job);
      else this.queues.set(owner, [job]);
      this.waiting++;
      this.dispatch();
    });
  }

  /** Jobs waiting and running, for health figures and tests. */
  load(): { waiting: number; running: number; workers: number } {
    return { waiting: this.waiting, running: this.slots.filter((s) => s.job).length, workers: this.slots.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const queue of this.queues.values()) for (const job of queue) this.settle(job, new Error('worker pool closed'));
    this.queues.clear();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const { jobMemoryMb } = this.settings;
    const worker = new Worker(BOOT, { workerData: { entry: ENTRY }, resourceLimits: { maxOldGenerationSizeMb: jobMemoryMb } });
    // Idle workers should not keep a process alive; a command still closes the pool (runCli), as
    // a worker that has run a job kept `npm run import` from ending.
    worker.unref();
    const slot: Slot = { worker, ready: false };
    worker.on('message', (reply: Reply) => {
      if ('ready' in reply) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      if (!slot.job || slot.job.id !== reply.id) return;
      const job = slot.job;
      this.meanMs = 0.8 * this.meanMs + 0.2 * (performance.now() - slot.started!);
      slot.job = undefined;
      this.settle(job, reply.ok ? undefined : errorOf(reply.failure), reply.ok ? reply.value : undefined);
      this.dispatch();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const job = slot.job;
      slot.job = undefined;
      if (job) {
        this.settle(job, err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new HttpError(413, 'runtime_too_big', { mb: jobMemoryMb }) : new HttpError(503, 'runtime_failed', {}, { retryAfter: 1 }));
      }
    });
    worker.on('exit', () => {
      if (this.closed || slot.worker !== worker) return;
      this.replace(slot);
    });
    return slot;
  }

  /** A fresh worker in the slot (the old one ended or is being terminated); the queue moves on. */
  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const fresh = this.spawn();
    this.slots[index] = fresh;
    void slot.worker.terminate();
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || !slot.ready) continue;
      const job = this.nextJob();
      if (!job) return;
      clearTimeout(job.timer);
      slot.job = job;
      slot.started = performance.now();
      job.timer = setTimeout(() => this.overrun(slot, job), this.settings.jobSeconds * 1000);
      const message: JobMessage = { id: job.id, name: job.name, input: job.input };
      slot.worker.postMessage(message);
    }
  }

  /** The oldest job of the owner whose turn it is; that owner goes to the back of the line. */
  private nextJob(): Job | undefined {
    for (const [owner, queue] of this.queues) {
      const job = queue.shift()!;
      this.queues.delete(owner);
      if (queue.length) this.queues.set(owner, queue);
      this.waiting--;
      return job;
    }
    return undefined;
  }

  private overrun(slot: Slot, job: Job): void {
    if (slot.job !== job) return;
    slot.job = undefined;
    this.settle(job, new HttpError(422, 'runtime_too_long', { seconds: this.settings.jobSeconds }));
    this.replace(slot);
  }

  private dropWaiting(job: Job): void {
    const queue = this.queues.get(job.owner);
    const at = queue?.indexOf(job) ?? -1;
    if (at < 0) return;
    queue!.splice(at, 1);
    if (!queue!.length) this.queues.delete(job.owner);
    this.waiting--;
    this.settle(job, this.busy('runtime_queue_timeout'));
  }

  private busy(code: 'runtime_busy' | 'runtime_queue_timeout'): HttpError {
    const perWorker = (this.waiting + 1) / this.slots.length;
    const seconds = Math.min(this.settings.jobSeconds, Math.max(1, Math.ceil((perWorker * this.meanMs) / 1000)));
    return new HttpError(503, code, { seconds: code === 'runtime_busy' ? seconds : this.settings.waitSeconds }, { retryAfter: seconds });
  }

  private settle(job: Job, err: Error | undefined, value?: unknown): void {
    clearTimeout(job.timer);
    if (err) job.reject(err);
    else job.resolve(value);
  }
}

let shared: WorkerPool | undefined;

/** The process's pool: started by main.ts with its settings, else on first use with the environment's. */
export const workerPool = (settings?: RuntimeSettings): WorkerPool => (shared ??= new WorkerPool(settings ?? readRuntimeSettings()));

/** Runs a job on the process's pool for the current request's owner. */
export const runJob = <N extends JobName>(name: N, input: JobInput<N>): Promise<JobOutput<N>> => workerPool().run(name, input);

export async function closeWorkerPool(): Promise<void> {
  await shared?.close();
  shared = undefined;
}
