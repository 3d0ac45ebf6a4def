// Page weights and the map's first draw (issue 17, item 7). Weights: for each view, the gzip
// size of the script a first visit downloads (the entry chunk and the view's chunk with
// everything they import statically), read from the build in dist/. First draw: Chromium opens
// the grid map page on a fresh context (nothing cached) and the time runs from navigation to
// the map's `data-loaded="true"` (style, basemap and the first layers drawn), five times.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import type { AppContext } from '../../server/context';
import { openBrowser } from '../support/browser';

const DIST = path.resolve('dist');

/** `view name → gzip bytes` of each view's first download. */
export function pageWeights(dist = DIST): Array<{ view: string; gzip: number; raw: number }> {
  const dir = path.join(dist, 'assets');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.js'));
  const read = (f: string) => fs.readFileSync(path.join(dir, f));
  const imports = (f: string) => [...read(f).toString('utf8').matchAll(/(?:import|from)\s*["']\.\/([^"']+\.js)["']/g)].map((m) => m[1]!);
  const closure = (start: string[]) => {
    const seen = new Set<string>();
    for (const stack = [...start]; stack.length; ) {
      const f = stack.pop()!;
      if (!seen.has(f)) stack.push(...imports((seen.add(f), f)));
    }
    return seen;
  };
  const entry = files.find((f) => /^index-[\w-]+\.js$/.test(f));
  if (!entry) throw new Error('no build in dist/: run `npx vite build` first');
  const weigh = (set: Set<string>) => [...set].reduce((s, f) => ({ gzip: s.gzip + zlib.gzipSync(read(f), { level: 9 }).length, raw: s.raw + read(f).length }), { gzip: 0, raw: 0 });
  return [
    { view: '(entry alone)', ...weigh(closure([entry])) },
    ...files
      .filter((f) => /^[A-Z]\w*View-[\w-]+\.js$/.test(f))
      .map((f) => ({ view: f.replace(/-[\w-]+\.js$/, ''), ...weigh(closure([entry, f])) }))
      .sort((a, b) => a.gzip - b.gzip),
  ];
}

export async function benchPages(label: string, ctx: AppContext): Promise<void> {
  console.log('\n## Page weights (script of a first visit, from dist/; gzip -9)');
  console.log('view                 gzip kB    raw kB');
  for (const w of pageWeights()) console.log(`${w.view.padEnd(18)} ${(w.gzip / 1000).toFixed(1).padStart(9)} ${(w.raw / 1000).toFixed(1).padStart(9)}`);

  const server = createApp(ctx, { distDir: DIST }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const chromium = await openBrowser();
  try {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await chromium.openPage();
      const t0 = performance.now();
      await page.goto(base + '/');
      await page.locator('[data-testid="map"][data-loaded="true"]').waitFor({ timeout: 120_000 });
      times.push(performance.now() - t0);
      await page.context().close();
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`\n## ${label}: the grid map's first draw in Chromium (navigation → data-loaded, fresh context, software WebGL)`);
    console.log(`p50 ${sorted[2]!.toFixed(0)} ms, best ${sorted[0]!.toFixed(0)} ms, worst ${sorted[4]!.toFixed(0)} ms (target < 1500 ms)`);
  } finally {
    await chromium.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}
