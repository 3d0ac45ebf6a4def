// A GridMap server process (what `npm start` runs) on a database that already exists; no
// vitest in here, so the bench starts processes the same way the tests do.
import { spawn } from 'node:child_process';
import { projectRoot } from '../../server/config';
import { TEST_REGION } from './test-database';

export interface SpawnedServer {
  url: string;
  database: { databaseUrl: string | undefined; dataDir: string };
  pid: number;
  alive(): boolean;
  output(): string;
  /** Kills the process at once (SIGKILL), as a crash would. */
  kill(): void;
  stop(): Promise<void>;
}

/** A server process on a database that already exists (several may share one PostgreSQL database). */
export async function spawnServer(database: SpawnedServer['database'], env: NodeJS.ProcessEnv = {}): Promise<SpawnedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      GRIDMAP_REGION: TEST_REGION,
      GRIDMAP_DATA_DIR: database.dataDir,
      ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
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
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    url,
    database,
    pid: child.pid!,
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => output,
    kill: () => child.kill('SIGKILL'),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
