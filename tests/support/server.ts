// The real server as a child process (what `npm start` runs), over a copy of the run's
// seeded database, for end-to-end tests.
import { spawn } from 'node:child_process';
import { inject } from 'vitest';
import { projectRoot } from '../../server/config';
import { cloneDatabase, TEST_REGION } from './test-database';

export interface RunningServer {
  url: string;
  /** What the server was started on (its own copy of the seeded database). */
  database: { databaseUrl: string | undefined; dataDir: string };
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

export async function startServer(env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const clone = await cloneDatabase(inject('database'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      GRIDMAP_REGION: TEST_REGION,
      GRIDMAP_DATA_DIR: clone.config.dataDir,
      ...(clone.config.databaseUrl ? { DATABASE_URL: clone.config.databaseUrl } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)));
  });
  return {
    url,
    database: clone.config,
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => output,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await clone.drop();
    },
  };
}
