// A worker thread of the pool: runs one job at a time by name and posts back its value or why
// it failed. It holds no state between jobs, so the pool may replace it at any moment.
import { parentPort } from 'node:worker_threads';
import { failureOf } from './failure';
import { JOBS, type JobName } from './jobs';
import { yieldToRequests } from './priority';

yieldToRequests();

export interface JobMessage {
  id: number;
  name: JobName;
  input: unknown;
}

const port = parentPort!;
port.on('message', async ({ id, name, input }: JobMessage) => {
  try {
    const value = await (JOBS[name] as (input: unknown) => unknown)(input);
    port.postMessage({ id, ok: true, value });
  } catch (err) {
    port.postMessage({ id, ok: false, failure: failureOf(err) });
  }
});
port.postMessage({ ready: true });
