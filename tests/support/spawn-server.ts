// A GridMap server process (what `npm start` runs) on a database that already exists; no
// vitest in here, so the bench starts processes the same way the tests do.
import { spawn } from 'node:child_process';
import { projectRoot } from '../../server/config';
import { TEST_REGION } from './test-database';

/** A server process as it runs: listening, or ended before it did (refusing to start). */
export interface ServerRun {
  /** Where it listens; undefined when it exited first. */
  url: string | undefined;
  pid: number;
  output(): string;
  /** Its exit code (null after a signal), once it has ended. */
  exited: Promise<number | null>;
  alive(): boolean;
  /** Sends the signal and waits for the end. */
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export interface SpawnedServer {
  url: string;
  database: { databaseUrl: string | undefined; dataDir: string };
  pid: number;
  alive(): boolean;
  output(): string;
  /** Kills the process at once (SIGKILL), as a crash would; resolves when it has ended. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** The server process on `database` (the embedded one in `dataDir` when there is no URL), until it listens or exits. */
export async function runServer(database: SpawnedServer['database'], env: NodeJS.ProcessEnv = {}): Promise<ServerRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      GRIDMAP_REGION: TEST_REGION,
      GRIDMAP_DATA_DIR: database.dataDir,
      DATABASE_URL: database.databaseUrl ?? '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string | undefined>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => resolve(undefined));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    pid: child.pid!,
    output: () => output,
    exited,
    alive,
    kill: (signal) => {
      if (alive()) child.kill(signal);
      return exited;
    },
  };
}

/** A server process on a database that already exists (several may share one PostgreSQL database). */
export async function spawnServer(database: SpawnedServer['database'], env: NodeJS.ProcessEnv = {}): Promise<SpawnedServer> {
  const run = await runServer(database, env);
  if (!run.url) throw new Error(`server exited with ${await run.exited} before listening:\n${run.output()}`);
  return {
    url: run.url,
    database,
    pid: run.pid,
    alive: run.alive,
    output: run.output,
    kill: async () => void (await run.kill('SIGKILL')),
    stop: async () => void (await run.kill('SIGTERM')),
  };
}
