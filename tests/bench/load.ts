// A bounded load run on loopback: N workers, each looping over one case's step for a few
// seconds over kept-alive connections, every HTTP request timed. Our own ~60 lines of
// node:http rather than autocannon: the write cases need a login's cookie carried into the
// next request, and counting what was acknowledged, which a URL-list load tool does not do.
import http from 'node:http';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
}

export interface LoadClient {
  /** One timed request; a status ≥ 400 or a failed connection counts as an error. */
  send(method: string, path: string, options?: { body?: unknown; cookie?: string }): Promise<Reply>;
}

export interface LoadCase {
  name: string;
  /** One unit of work for a worker: one request for a read, a login and a logout for the write. */
  step(client: LoadClient, worker: number): Promise<void>;
}

export interface LoadFigures {
  requests: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export async function runLoad(base: string, load: LoadCase, { concurrency, seconds }: { concurrency: number; seconds: number }): Promise<LoadFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let requests = 0;
  let errors = 0;
  const client: LoadClient = {
    send(method, path, { body, cookie } = {}) {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const headers: http.OutgoingHttpHeaders = {
        ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        ...(cookie ? { cookie } : {}),
      };
      const t0 = process.hrtime.bigint();
      return new Promise<Reply>((resolve) => {
        const req = http.request(`${base}${path}`, { method, agent, headers }, (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
            requests++;
            if (res.statusCode! >= 400) errors++;
            resolve({ status: res.statusCode!, headers: res.headers });
          });
        });
        req.on('error', () => {
          requests++;
          errors++;
          resolve({ status: 0, headers: {} });
        });
        req.end(payload);
      });
    },
  };
  const started = Date.now();
  const deadline = started + seconds * 1000;
  // Each worker finishes the step it is in, so the run ends at most one step after the deadline.
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (Date.now() < deadline) await load.step(client, worker);
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests, errors, seconds: elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}
