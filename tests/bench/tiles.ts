// Building tiles at z14 over HTTP next to the SQL behind them: the first request of a tile
// (rendered, `X-Cache: miss`), the second (from the tile cache, `hit`) and the query alone.
// Each tile's query runs once first, so the database's pages are as warm for the HTTP miss as
// for the timed query (timing HTTP first gave the query a warm start and the ratio 2.1-2.2×).
import type { AppContext } from '../../server/context';
import { tileQuery } from '../../server/features/tiles/service';
import type { TileCoord } from '../../server/features/tiles/tile-math';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (x: number) => x.toFixed(1).padStart(8);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function benchTiles(label: string, base: string, ctx: AppContext, sample: TileCoord[]): Promise<void> {
  const times = { sql: [] as number[], miss: [] as number[], hit: [] as number[], floor: [] as number[] };
  const caches: string[] = [];
  const fetchTile = async (t: TileCoord) => {
    const res = await fetch(`${base}/tiles/buildings/${t.z}/${t.x}/${t.y}.pbf`);
    await res.arrayBuffer();
    caches.push(res.headers.get('x-cache') ?? '?');
  };
  for (const t of sample) {
    await tileQuery(ctx, 'buildings', t);
    times.sql.push(await timed(() => tileQuery(ctx, 'buildings', t)));
    times.miss.push(await timed(() => fetchTile(t)));
    times.hit.push(await timed(() => fetchTile(t)));
    // The same middleware and parsing with no tile to find: what any request costs on this machine.
    times.floor.push(await timed(async () => (await fetch(`${base}/tiles/no-such-layer/${t.z}/${t.x}/${t.y}.pbf`)).arrayBuffer()));
  }
  const misses = caches.filter((c, i) => i % 2 === 0 && c === 'miss').length;
  const hits = caches.filter((c, i) => i % 2 === 1 && c === 'hit').length;
  console.log(`\n## ${label}: buildings tiles at z14 (${sample.length} tiles with buildings, sequential; ${misses} misses then ${hits} hits)`);
  console.log('                       p50      p99   ratio p50 (÷ SQL)');
  console.log(`raw SQL           ${fmt(pct(times.sql, 50))} ${fmt(pct(times.sql, 99))} ms`);
  console.log(`HTTP, rendered    ${fmt(pct(times.miss, 50))} ${fmt(pct(times.miss, 99))} ms ${fmt(pct(times.miss, 50) / pct(times.sql, 50))}`);
  console.log(`HTTP, from cache  ${fmt(pct(times.hit, 50))} ${fmt(pct(times.hit, 99))} ms ${fmt(pct(times.hit, 50) / pct(times.sql, 50))}`);
  console.log(`HTTP, 404 (floor) ${fmt(pct(times.floor, 50))} ${fmt(pct(times.floor, 99))} ms ${fmt(pct(times.floor, 50) / pct(times.sql, 50))}`);
  const rendering = pct(times.miss, 50) - pct(times.floor, 50);
  console.log(`rendered less the floor: ${rendering.toFixed(1)} ms, ${(rendering / pct(times.sql, 50)).toFixed(2)} × the SQL`);
}
