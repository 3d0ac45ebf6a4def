// The real server as a child process (what `npm start` runs), over a copy of the run's
// seeded database, for end-to-end tests.
import { inject } from 'vitest';
import { spawnServer } from './spawn-server';
import { cloneDatabase } from './test-database';

export interface RunningServer {
  url: string;
  /** What the server was started on (its own copy of the seeded database). */
  database: { databaseUrl: string | undefined; dataDir: string };
  /** The server's process id (for its /proc figures). */
  pid: number;
  /** Whether the process is still running. */
  alive(): boolean;
  /** What the process has printed so far, for a failing test to show. */
  output(): string;
  stop(): Promise<void>;
}

/** The server an end-to-end journey runs against: `GRIDMAP_E2E_URL` if it names one that is up, else a new one. */
export async function serverUnderTest(): Promise<Pick<RunningServer, 'url' | 'stop'>> {
  const external = process.env.GRIDMAP_E2E_URL;
  if (external) return { url: external.replace(/\/$/, ''), stop: async () => {} };
  return startServer();
}

/**
 * `prepare` runs on the server's copy of the database before the server opens it (the embedded
 * database takes one process at a time): an operator's command such as `npm run user -- add`.
 */
export async function startServer(env: NodeJS.ProcessEnv = {}, prepare?: (database: RunningServer['database']) => void | Promise<void>): Promise<RunningServer> {
  const clone = await cloneDatabase(inject('database'));
  try {
    await prepare?.(clone.config);
  } catch (err) {
    await clone.drop();
    throw err;
  }
  const server = await spawnServer(clone.config, env).catch(async (err) => {
    await clone.drop();
    throw err;
  });
  return {
    ...server,
    async stop() {
      // The copy is dropped next: a graceful stop would only write it a snapshot first (seconds
      // each time); the graceful stop has tests of its own (integrity, journal, crash).
      await server.kill();
      await clone.drop();
    },
  };
}
