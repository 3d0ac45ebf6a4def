// The embedded database belongs to one process: a second server on the same data directory
// must refuse, and a lock left behind by a killed server must not keep the city closed.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../server/config';
import { LOCK_FILE } from '../../server/db/lock';
import { cloneDatabase, TEST_REGION } from '../support/test-database';

interface Started {
  child: ChildProcess;
  /** The URL once listening, or the exit code and output if it stopped first. */
  outcome: Promise<{ url: string } | { code: number | null; output: string }>;
}

function spawnServer(dataDir: string): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', GRIDMAP_REGION: TEST_REGION, GRIDMAP_DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const outcome = new Promise<{ url: string } | { code: number | null; output: string }>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ url: match[1]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => resolve({ code, output }));
  });
  return { child, outcome };
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));

describe.runIf(inject('database').kind === 'pglite')('embedded database lock', () => {
  let clone: Awaited<ReturnType<typeof cloneDatabase>>;
  const children: ChildProcess[] = [];
  const start = (dir: string) => {
    const started = spawnServer(dir);
    children.push(started.child);
    return started;
  };

  beforeAll(async () => {
    clone = await cloneDatabase(inject('database'));
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await clone?.drop();
  });

  it('refuses a second server, takes over after kill -9, and releases on SIGTERM', async () => {
    const dir = clone.config.dataDir;
    const first = start(dir);
    const up = await first.outcome;
    expect(up).toHaveProperty('url');
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(first.child.pid));

    const second = await start(dir).outcome;
    expect(second).toMatchObject({ code: 1 });
    expect((second as { output: string }).output).toContain(`GridMap data directory ${dir} is in use by process ${first.child.pid}`);
    // The refused server must not have disturbed the running one.
    expect((await fetch(`${(up as { url: string }).url}/api/health`)).status).toBe(200);

    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(true);

    const third = start(dir);
    const again = await third.outcome;
    expect(again).toHaveProperty('url');
    expect((await fetch(`${(again as { url: string }).url}/api/health`)).status).toBe(200);

    third.child.kill('SIGTERM');
    await exited(third.child);
    expect(third.child.exitCode).toBe(0);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});
