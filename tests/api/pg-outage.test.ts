// A network that freezes between the server and PostgreSQL (sockets stay open, nothing passes):
// no error ever arrives by itself, so only the server's own bounds can answer. A TCP relay in
// this process stands in for the network: frozen, it holds every byte (and every new
// connection) without closing anything; thawed, it lets them through again.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';

const source = inject('database');

class Relay {
  frozen = false;
  private readonly server: net.Server;
  private readonly thawers: Array<() => void> = [];
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => this.relay(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  freeze() {
    this.frozen = true;
  }

  thaw() {
    this.frozen = false;
    for (const thaw of this.thawers.splice(0)) thaw();
  }

  async close() {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private relay(client: net.Socket) {
    this.sockets.add(client);
    const start = () => {
      const upstream = net.connect(this.target.port, this.target.host);
      this.sockets.add(upstream);
      this.forward(client, upstream);
      this.forward(upstream, client);
    };
    // A connection made while frozen gets its socket and nothing else, as behind a dead link.
    if (this.frozen) this.thawers.push(start);
    else start();
  }

  private forward(from: net.Socket, to: net.Socket) {
    let held: Buffer[] = [];
    from.on('data', (chunk: Buffer) => {
      if (!this.frozen) return void to.write(chunk);
      if (!held.length) this.thawers.push(() => (held.splice(0).forEach((c) => to.write(c)), (held = [])));
      held.push(chunk);
    });
    from.on('error', () => to.destroy());
    from.on('close', () => to.destroy());
  }
}

/** The status and how long it took, giving up (status 0) after 15 s so a hang fails the test rather than the run. */
async function timed(url: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    await res.arrayBuffer();
    return { status: res.status, ms: Date.now() - started };
  } catch {
    return { status: 0, ms: Date.now() - started };
  }
}

describe.runIf(source.kind === 'postgres')('PostgreSQL behind a frozen link', () => {
  let server: RunningServer;
  let relay: Relay;

  beforeAll(async () => {
    const admin = new URL((source as { adminUrl: string }).adminUrl);
    relay = new Relay({ host: admin.hostname || '127.0.0.1', port: Number(admin.port || 5432) });
    const port = await relay.listen();
    const env: NodeJS.ProcessEnv = {};
    server = await startServer(env, ({ databaseUrl }) => {
      const viaRelay = new URL(databaseUrl!);
      viaRelay.hostname = '127.0.0.1';
      viaRelay.port = String(port);
      env.DATABASE_URL = viaRelay.toString();
    });
  });
  afterAll(async () => {
    relay?.thaw();
    await server?.stop();
    await relay?.close();
  });

  it('answers 503 within 5 s on pooled and new connections, health too, and recovers when the link thaws', { timeout: 60_000 }, async () => {
    // More requests than the pool holds, so some wait on pooled connections and some need new ones.
    const warm = await Promise.all(Array.from({ length: 6 }, () => timed(`${server.url}/api/stats`)));
    expect(warm.map((r) => r.status)).toEqual(Array(6).fill(200));

    relay.freeze();
    const paths = [...Array.from({ length: 14 }, () => '/api/stats'), '/api/layers/towns', '/api/health'];
    const answers = await Promise.all(paths.map((p) => timed(server.url + p)));
    const report = paths.map((p, i) => `${p}: ${answers[i]!.status} in ${answers[i]!.ms} ms`).join('\n');
    for (const answer of answers) {
      expect(answer.status, `${report}\nthe server said:\n${server.output().slice(-3000)}`).toBe(503);
      expect(answer.ms, report).toBeLessThan(5000);
    }
    // Still frozen: a later request meets connections that were cut and new ones that hang.
    const again = await timed(`${server.url}/api/stats`);
    expect(again.status).toBe(503);
    expect(again.ms).toBeLessThan(5000);
    expect(server.alive()).toBe(true);

    relay.thaw();
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await timed(`${server.url}/api/stats`)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
    expect((await timed(`${server.url}/api/health`)).status).toBe(200);
    console.log(`[pg-outage] frozen link:\n${report}`);
  });
});
