// Several GridMap processes on one PostgreSQL database behind a real nginx (Debian's package), as
// a prefecture would run it: round robin, the next process tried when one is down (idempotent
// requests only: nginx never replays a POST), and which process answered in a response header.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import { spawnServer, type SpawnedServer } from './spawn-server';

export interface BalancedCity {
  /** nginx's address: what every client uses. */
  url: string;
  processes: SpawnedServer[];
  /** The upstream (`127.0.0.1:port`) a response came from, as nginx says. */
  upstreamOf(res: Response): string;
  stop(): Promise<void>;
}

const NGINX = '/usr/sbin/nginx';

export const nginxInstalled = () => fs.existsSync(NGINX);

function nginxConf(dir: string, port: number, upstreams: string[]): string {
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, name)};`;
  return `
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  client_max_body_size 300m;
  upstream gridmap {
    ${upstreams.map((u) => `server ${u} max_fails=1 fail_timeout=5s;`).join('\n    ')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://gridmap;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout http_502;
      proxy_read_timeout 300s;
      add_header X-Upstream $upstream_addr always;
    }
  }
}`;
}

/** `count` processes on `database` behind nginx (the bench uses it on a database of its own). */
export async function startBalancer(database: SpawnedServer['database'], count: number, env: NodeJS.ProcessEnv = {}): Promise<BalancedCity> {
  const processes: SpawnedServer[] = [];
  let nginx: ChildProcess | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-nginx-'));
  const stop = async () => {
    nginx?.kill('SIGQUIT');
    if (nginx && nginx.exitCode === null) await new Promise((resolve) => nginx!.once('exit', resolve));
    await Promise.all(processes.map((p) => p.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    // One at a time: the first migrates (knex's lock makes the others wait anyway) and warms up.
    for (let i = 0; i < count; i++) processes.push(await spawnServer(database, { GRIDMAP_TRUST_PROXY: 'loopback', ...env }));
    const port = await freePort();
    fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConf(dir, port, processes.map((p) => new URL(p.url).host)));
    nginx = spawn(NGINX, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    nginx.stderr!.on('data', (c: Buffer) => (said += c.toString()));
    const url = `http://127.0.0.1:${port}`;
    for (let tries = 0; ; tries++) {
      if (nginx.exitCode !== null) throw new Error(`nginx exited: ${said}${fs.readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
      const up = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
      if (up) break;
      if (tries > 100) throw new Error(`nginx did not answer: ${said}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { url, processes, upstreamOf: (res) => res.headers.get('x-upstream') ?? '', stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

