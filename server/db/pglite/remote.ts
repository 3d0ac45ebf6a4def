// PGlite as the main thread sees it when it runs in its own worker: the part of PGlite's
// interface knex-pglite and the journal use (query, waitReady, close, closed), each query sent
// over the worker's port and its result or error sent back. The main thread only waits.
import { Worker } from 'node:worker_threads';
import type { PGlite, QueryOptions, Results } from '@electric-sql/pglite';
import { fromFailure, type Opened, type Reply, type Request } from './protocol';

// The one worker boot file (the worker pool's): it loads our TypeScript through tsx.
const BOOT = new URL('../../runtime/boot.mjs', import.meta.url);
const ENTRY = new URL('./worker.ts', import.meta.url).href;

/** The worker could not run our code at all: a fault of the program or the installation, not of the data directory. */
export class WorkerStartError extends Error {}

export class RemotePglite {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  private lost: Error | undefined;
  closed = false;
  readonly waitReady = Promise.resolve();

  private constructor(private readonly worker: Worker) {}

  /** Starts the worker and opens PGlite on `dataDir` there; rejects with PGlite's own error when it does not open. */
  static async open(dataDir: string): Promise<RemotePglite> {
    const remote = new RemotePglite(new Worker(BOOT, { workerData: { entry: ENTRY, dataDir } }));
    try {
      await remote.listen();
    } catch (err) {
      await remote.worker.terminate();
      throw err;
    }
    return remote;
  }

  /** Settles once PGlite opened (or did not); afterwards, every reply goes to the query waiting for it. */
  private listen(): Promise<void> {
    let loaded = false;
    let open = false;
    let opening: { resolve(): void; reject(err: Error): void } | undefined;
    const opened = new Promise<void>((resolve, reject) => (opening = { resolve, reject }));
    this.worker.on('message', (message: Reply | Opened | 'loaded') => {
      if (message === 'loaded') loaded = true;
      else if ('opened' in message) {
        if (message.opened) {
          open = true;
          opening!.resolve();
        }
        else opening!.reject(fromFailure(message.failure));
      } else this.settle(message);
    });
    // A WebAssembly abort or a thrown error ends the worker: every query waiting on it fails, so
    // its callers answer rather than hang; the database is unusable until the process restarts.
    const lose = (err: Error) => {
      const reason = loaded ? err : new WorkerStartError(`the embedded database's worker did not start: ${err.message}`);
      opening!.reject(reason);
      if (open && !this.closed) console.error(`[gridmap] ${reason.message}: the embedded database is gone until the server restarts`);
      this.lost ??= reason;
      this.closed = true;
      for (const waiter of this.pending.values()) waiter.reject(this.lost);
      this.pending.clear();
    };
    this.worker.on('error', (err) => lose(new Error(`the embedded database's worker failed: ${err.message}`)));
    // PGlite's WebAssembly aborting on what it read ends the worker without an error.
    this.worker.on('exit', (code) => lose(new Error(`the embedded database's worker exited (${code})`)));
    return opened;
  }

  private settle(reply: Reply) {
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if ('failure' in reply) waiter.reject(fromFailure(reply.failure));
    else waiter.resolve(reply.result);
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.send({ id: 0, sql, params, options }) as Promise<Results<T>>;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.send({ id: 0, close: true });
    this.closed = true;
    await this.worker.terminate();
  }

  private send(request: Request): Promise<unknown> {
    if (this.lost) return Promise.reject(this.lost);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }
}

/** What the journal and knex-pglite take for a PGlite. */
export const asPglite = (remote: RemotePglite) => remote as unknown as PGlite;
