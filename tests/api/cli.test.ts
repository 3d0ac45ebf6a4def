// The operator's commands fail the way an operator can act on: an expected fault is one
// Chinese line, then the English one, saying what went wrong and what to do, exit code 1 and
// no stack trace. Run as `npm run …` runs them, against a copy of the test database.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../server/config';
import { cloneDatabase, TEST_REGION } from '../support/test-database';

let clone: Awaited<ReturnType<typeof cloneDatabase>>;
beforeAll(async () => {
  clone = await cloneDatabase(inject('database'));
});
afterAll(() => clone?.drop());

const COMMAND_MS = 120_000;

function run(script: string, args: string[], env: Record<string, string> = {}, input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], {
    cwd: projectRoot,
    input,
    encoding: 'utf8',
    env: { ...process.env, GRIDMAP_DATA_DIR: clone.config.dataDir, DATABASE_URL: clone.config.databaseUrl ?? '', GRIDMAP_REGION: TEST_REGION, ...env },
    // A command that never ends is a failure: spawnSync blocks the test's own timeout.
    timeout: COMMAND_MS,
  });
  return { code: result.status, lines: result.stderr.trimEnd().split('\n'), stderr: result.stderr };
}

/** Exit 1, a Chinese line then an English one, and nothing that looks like a stack frame. */
function expectFault(answer: ReturnType<typeof run>, zh: RegExp, en: RegExp) {
  expect(answer.code, answer.stderr).toBe(1);
  expect(answer.lines[0]).toMatch(zh);
  expect(answer.lines[0]).toMatch(/\p{Script=Han}/u);
  expect(answer.lines[1]).toMatch(en);
  expect(answer.stderr).not.toMatch(/^\s+at /m);
}

describe('npm run backup', () => {
  it('says it cannot write the file, and what to check, when the folder does not exist', () => {
    expectFault(run('backup', ['--out', '/unwritable/x']), /^无法使用文件 \/unwritable\/x：路径不存在。请检查路径/, /^cannot use the file \/unwritable\/x: .*check the path/);
  });

  it('names a missing or unknown flag and shows the usage', () => {
    const missing = run('backup', []);
    expectFault(missing, /^缺少参数 --out/, /^--out is required/);
    expect(missing.lines[2]).toBe('usage: npm run backup -- --out <file>');
    const unknown = run('backup', ['--ot', 'x']);
    expectFault(unknown, /^命令参数有误：.*--ot/, /^wrong arguments: .*--ot/);
    expect(unknown.lines.at(-1)).toBe('usage: npm run backup -- --out <file>');
  });
});

describe('a setting of the environment that cannot be used', () => {
  it('names the variable, its value and what it must be, before touching the database', () => {
    expectFault(run('migrate', [], { PORT: 'abc' }), /^环境变量 PORT 的值“abc”不可用：须为 0–65535 之间的端口号/, /^PORT must be a port number, got "abc"/);
  });
});

describe('a database that cannot be reached', () => {
  it('says so with where it was looked for, not the password, and what to check', () => {
    const answer = run('migrate', [], { DATABASE_URL: 'postgres://someone:secret-pw@127.0.0.1:1/gridmap' });
    expectFault(answer, /^无法连接数据库 127\.0\.0\.1:1\/gridmap.*请确认 PostgreSQL 已启动/, /^cannot reach the database at 127\.0\.0\.1:1\/gridmap .*check that PostgreSQL is running/);
    expect(answer.stderr).not.toContain('secret-pw');
  });
});

describe('npm run restore and npm run user', () => {
  it('refuses a file that is not there, and a backup that is not one, in both languages', () => {
    expectFault(run('restore', ['--in', '/no/such/backup.gz']), /^无法使用文件 \/no\/such\/backup\.gz：路径不存在/, /^cannot use the file \/no\/such\/backup\.gz/);
    const foreign = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-cli-')), 'foreign.jsonl.gz');
    fs.writeFileSync(foreign, zlib.gzipSync('{"hello":1}\n'));
    expectFault(run('restore', ['--in', foreign]), /^这不是 GridMap 的备份文件。请确认文件是否选对$/, /^not a GridMap backup file$/);
    fs.rmSync(path.dirname(foreign), { recursive: true });
  });

  it('refuses a taken username, an unknown command and a short password without a stack', () => {
    expectFault(run('user', ['add', '--username', 'demo-staff', '--role', 'staff', '--password-stdin'], {}, 'long-enough-pw\n'), /^用户名“demo-staff”已被使用/, /^user "demo-staff" exists/);
    const unknown = run('user', ['frobnicate']);
    expectFault(unknown, /^不认识这个子命令/, /^unknown command/);
    expect(unknown.stderr).toContain('npm run user -- list');
    expectFault(run('user', ['add', '--username', 'short-pw', '--role', 'staff', '--password-stdin'], {}, 'x\n'), /^输入有误：/, /./);
  });

  it('adds an area lead with --areas, and refuses one without areas or with areas that are not there', () => {
    const added = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/user.ts', 'add', '--username', 'cli-lead', '--role', 'lead', '--areas', 'A0001,A0002', '--password-stdin'], {
      cwd: projectRoot,
      input: 'long-enough-pw\n',
      encoding: 'utf8',
      env: { ...process.env, GRIDMAP_DATA_DIR: clone.config.dataDir, DATABASE_URL: clone.config.databaseUrl ?? '', GRIDMAP_REGION: TEST_REGION },
      timeout: COMMAND_MS,
    });
    expect([added.status, added.stdout.trim()], added.stderr).toEqual([0, `added cli-lead (lead) to region ${TEST_REGION}`]);
    expectFault(run('user', ['add', '--username', 'cli-lead-2', '--role', 'lead', '--password-stdin'], {}, 'long-enough-pw\n'), /片区负责人须至少负责一个片区/, /an area lead needs areas/);
    expectFault(run('user', ['add', '--username', 'cli-lead-3', '--role', 'lead', '--areas', 'A9999', '--password-stdin'], {}, 'long-enough-pw\n'), /^没有这些片区：A9999/, /^unknown contracted area\(s\): A9999/);
  });
});
