// A real streaming replica of the test machine's PostgreSQL, made by pg_basebackup into a
// temporary cluster of its own (the server runs as the postgres user, as Debian's does), for
// the read-replica suite. Needs a `replication` line in the primary's pg_hba.conf; .ci/run adds it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import pg from 'pg';

const BIN = '/usr/lib/postgresql/15/bin';

export interface TestReplica {
  /** The replica's URL for a database of the primary. */
  urlFor(database: string): string;
  /** Runs SQL on the replica's `database`. */
  query<T = Record<string, unknown>>(database: string, sql: string): Promise<T[]>;
  /** Stops the replica's server at once, as a crash would; its files stay until `remove`. */
  halt(): void;
  remove(): void;
}

const asPostgres = (cmd: string, args: string[]) =>
  process.getuid?.() === 0 ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' });

/** Why a replica cannot be made here, or null when it can. */
export async function replicaUnavailable(primaryUrl: string): Promise<string | null> {
  if (!fs.existsSync(path.join(BIN, 'pg_ctl'))) return `no ${BIN}/pg_ctl`;
  const u = new URL(primaryUrl);
  const client = new pg.Client({ host: u.hostname, port: Number(u.port || 5432), user: u.username || 'postgres', database: 'postgres', replication: true } as pg.ClientConfig);
  try {
    await client.connect();
    await client.end();
    return null;
  } catch (err) {
    return `the primary refuses replication connections (${(err as Error).message}): add "host replication all 127.0.0.1/32 trust" to pg_hba.conf`;
  }
}

export async function startReplica(primaryUrl: string): Promise<TestReplica> {
  const u = new URL(primaryUrl);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-replica-'));
  const data = path.join(dir, 'data');
  fs.chmodSync(dir, 0o755);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  const port = await freePort();
  asPostgres(path.join(BIN, 'pg_basebackup'), ['-h', u.hostname, '-p', u.port || '5432', '-U', u.username || 'postgres', '-D', data, '-R', '-X', 'stream', '-c', 'fast']);
  // Debian keeps the primary's configuration in /etc: the copy gets a small one of its own.
  const conf = [`port = ${port}`, `listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${dir}'`, 'hot_standby = on', 'fsync = off', `shared_buffers = '64MB'`];
  const write = (name: string, text: string) => asPostgres('sh', ['-c', `cat > '${path.join(data, name)}' <<'EOF'\n${text}\nEOF`]);
  write('postgresql.conf', conf.join('\n'));
  write('pg_hba.conf', ['local all all trust', 'host all all 127.0.0.1/32 trust'].join('\n'));
  asPostgres(path.join(BIN, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  const urlFor = (database: string) => `postgres://${u.username || 'postgres'}@127.0.0.1:${port}/${database}`;
  const halt = () => {
    if (fs.existsSync(path.join(data, 'postmaster.pid'))) asPostgres(path.join(BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
  };
  return {
    urlFor,
    async query<T>(database: string, sql: string) {
      const client = new pg.Client({ connectionString: urlFor(database) });
      await client.connect();
      try {
        return (await client.query(sql)).rows as T[];
      } finally {
        await client.end();
      }
    },
    halt,
    remove() {
      halt();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
