// Where an analysis stands beside the requests: behind them, for the same cores.
import fs from 'node:fs';
import os from 'node:os';

/** The pool's threads' nice value: the scheduler gives HTTP and the database the core first. */
export const WORKER_NICE = 10;

/**
 * On Linux a thread's nice value is its own: lowered for the calling thread alone, an analysis
 * takes what the requests leave of a core instead of half of it (issue 17: a light request beside
 * three heavy ones took twice as long). Elsewhere the thread runs at the process's priority.
 */
export function yieldToRequests(): void {
  try {
    const thread = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(thread)) os.setPriority(thread, WORKER_NICE);
  } catch {
    // No /proc (not Linux) or not allowed: the same priority as the process.
  }
}
