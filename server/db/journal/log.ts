// The journal files: `<base>.log` holds the entries written after sequence number `base`
// (a snapshot or an open started it). Appends are batched: every write waiting when a batch
// starts shares its one fsync (group commit), and a write is answered only once its own
// entry and all before it are on disk, so the journal never has a hole an answer relied on.
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { decodeEntry, encodeEntry, type Entry } from './entry';
import { fsyncDir } from './files';

export interface LogFile {
  base: number;
  file: string;
  entries: Entry[];
  /** A damaged line with intact lines after it: those later entries cannot be trusted in order. */
  damage?: { line: number; linesAfter: number };
}

export const LOG_NAME = /^(\d+)\.log$/;

export const logPath = (dir: string, base: number) => path.join(dir, `${String(base).padStart(16, '0')}.log`);

/** Every journal file in `dir`, oldest first. */
export function readLogs(dir: string): LogFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => LOG_NAME.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => readLog(path.join(dir, m[0]), Number(m[1])))
    .sort((a, b) => a.base - b.base);
}

export function readLog(file: string, base: number): LogFile {
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  // The piece after the last newline was never completed: a crash cut the append short.
  lines.pop();
  const entries: Entry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const entry = decodeEntry(line);
    if (!entry) {
      // A bad last line is an append that did not finish; one with lines after it is damage.
      const linesAfter = lines.length - i - 1;
      return { base, file, entries, ...(linesAfter ? { damage: { line: i + 1, linesAfter } } : {}) };
    }
    entries.push(entry);
  }
  return { base, file, entries };
}

interface Waiter {
  seq: number;
  resolve(): void;
  reject(err: Error): void;
}

export class JournalWriter {
  private readonly pending = new Map<number, string>();
  private waiters: Waiter[] = [];
  private draining: Promise<void> | undefined;
  private failure: Error | undefined;

  private constructor(
    private handle: FileHandle,
    /** The highest sequence number on disk. */
    private written: number,
  ) {}

  /** Starts the journal afresh in `<base>.log`, for the entries after `base`. */
  static async open(dir: string, base: number): Promise<JournalWriter> {
    return new JournalWriter(await openLog(dir, base), base);
  }

  /** Resolves once the entry and every entry before it are on disk. */
  append(entry: Entry): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.pending.set(entry.seq, encodeEntry(entry));
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ seq: entry.seq, resolve, reject }));
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
    return done;
  }

  /** Starts `<base>.log` for the entries after `base`, once the batch in flight is on disk. */
  async rotate(dir: string, base: number): Promise<void> {
    await this.draining;
    const next = await openLog(dir, base);
    const previous = this.handle;
    this.handle = next;
    await previous.close();
  }

  async close(): Promise<void> {
    await this.draining;
    await this.handle.close();
  }

  private async drain(): Promise<void> {
    while (this.pending.has(this.written + 1)) {
      let last = this.written;
      const lines: string[] = [];
      for (let line = this.pending.get(last + 1); line !== undefined; line = this.pending.get(last + 1)) {
        lines.push(line);
        this.pending.delete(++last);
      }
      try {
        await this.handle.appendFile(lines.join(''));
        await this.handle.datasync();
      } catch (err) {
        // The database holds writes the journal does not: no later write may be answered
        // as durable until the process restarts and snapshots.
        this.failure = new Error(`journal write failed: ${(err as Error).message}`);
        for (const w of this.waiters) w.reject(this.failure);
        this.waiters = [];
        return;
      }
      this.written = last;
      const done = this.waiters.filter((w) => w.seq <= last);
      this.waiters = this.waiters.filter((w) => w.seq > last);
      for (const w of done) w.resolve();
    }
  }
}

/** `<base>.log`, emptied: whatever it held is either in the database already or was set aside as damaged. */
async function openLog(dir: string, base: number): Promise<FileHandle> {
  const file = logPath(dir, base);
  const handle = await fs.promises.open(file, 'a');
  await handle.truncate(0);
  await handle.sync();
  fsyncDir(dir);
  return handle;
}
