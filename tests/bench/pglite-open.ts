// PGlite's open of the demo city with the installed PostGIS bundle and with the slim one
// (server/db/pglite/postgis-bundle.ts), taken in turns on the same closed data directory.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { postgis } from '@electric-sql/pglite-postgis';
import { postgisExtension } from '../../server/db/pglite/postgis-bundle';

const ROUNDS = 3;

async function openMs(dataDir: string, extension: typeof postgis): Promise<number> {
  const started = process.hrtime.bigint();
  const pglite = await PGlite.create({ dataDir, extensions: { postgis: extension, pg_trgm } });
  // A PostGIS function, so the library is loaded and in use, not only unpacked.
  await pglite.query(`SELECT ST_AsText(ST_Transform(ST_SetSRID(ST_Point(120.5, 31.5), 4490), 4527))`);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await pglite.close();
  return ms;
}

export async function benchPgliteOpen(dataDir: string): Promise<void> {
  const installed: number[] = [];
  const slim: number[] = [];
  // The first open in a process also compiles PGlite itself: not counted for either.
  await openMs(dataDir, postgisExtension as typeof postgis);
  for (let i = 0; i < ROUNDS; i++) {
    installed.push(await openMs(dataDir, postgis));
    slim.push(await openMs(dataDir, postgisExtension as typeof postgis));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`PGlite open + first PostGIS query, ${ROUNDS} in turns: installed PostGIS bundle ${installed.map((ms) => ms.toFixed(0)).join(' / ')} ms, ` +
    `slim ${slim.map((ms) => ms.toFixed(0)).join(' / ')} ms   ratio slim/installed ${(median(slim) / median(installed)).toFixed(2)}`);
}
