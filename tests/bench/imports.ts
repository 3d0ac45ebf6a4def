// The import's figures (issue 14): the demo city and a city of about a million buildings (copies
// of the demo city side by side, codes suffixed) loaded into an empty region from their rows —
// staging, the check (validation) and the commit timed apart, with this process's peak memory —
// next to writing the same rows with one INSERT … SELECT per table, the floor any import sits on.
import type { Position } from 'geojson';
import type { City } from '../../data/city';
import { DEMO_CITY_OPTIONS, generateCity } from '../../data/generator';
import type { LayerRecord } from '../../server/analysis/onboarding/types';
import type { AppContext } from '../../server/context';
import type { Database } from '../../server/db/database';
import type { ImportLayer } from '../../server/domain/layers';
import { commitImport } from '../../server/features/import/commit';
import { checkDraft } from '../../server/features/import/dry-run';
import { cityRecords } from '../support/city-records';
import { draftFromRecords, IMPORTER } from '../support/import-draft';

const TABLES = ['towns', 'communities', 'villages', 'contracted_areas', 'party_groups', 'estates', 'buildings', 'party_orgs', 'service_centres', 'pairings', 'address_aliases'];
const REF_FIELDS = ['code', 'town', 'community', 'village', 'area', 'group', 'unit'];

/** Peak resident memory while `fn` runs, sampled every 50 ms. */
async function peakMemory<T>(fn: () => Promise<T>): Promise<[T, number]> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const value = await fn();
    return [value, Math.max(peak, process.memoryUsage().rss)];
  } finally {
    clearInterval(timer);
  }
}

const seconds = async <T>(fn: () => Promise<T>): Promise<[T, number, number]> => {
  const t0 = performance.now();
  const [value, peak] = await peakMemory(fn);
  return [value, (performance.now() - t0) / 1000, peak / 2 ** 20];
};

function moved(g: unknown, dx: number, dy: number): unknown {
  const shift = (c: unknown): unknown => (typeof (c as Position)[0] === 'number' ? [(c as Position)[0]! + dx, (c as Position)[1]! + dy] : (c as unknown[]).map(shift));
  const geometry = g as { type: string; coordinates: unknown } | null;
  return geometry ? { type: geometry.type, coordinates: shift(geometry.coordinates) } : null;
}

/** `copies` copies of the city's rows side by side, copy n's codes (and the codes its rows name) ending in -n. */
export function copiedRecords(city: City, copies: number): Partial<Record<ImportLayer, LayerRecord[]>> {
  const records = cityRecords(city);
  const xs = city.towns.flatMap((t) => JSON.stringify(t.geom).match(/-?\d+\.\d+/g)!.map(Number));
  const lng = xs.filter((_, i) => i % 2 === 0);
  const lat = xs.filter((_, i) => i % 2 === 1);
  const [w, h] = [Math.max(...lng) - Math.min(...lng), Math.max(...lat) - Math.min(...lat)];
  const out: Partial<Record<ImportLayer, LayerRecord[]>> = {};
  for (const [layer, rows] of Object.entries(records) as Array<[ImportLayer, LayerRecord[]]>) {
    if (layer === 'village-communities') continue;
    const all: LayerRecord[] = [];
    for (let n = 0; n < copies; n++) {
      const [dx, dy] = [(n % 8) * w, Math.floor(n / 8) * h];
      for (const r of rows) {
        const values = { ...r.values };
        for (const f of REF_FIELDS) if (typeof values[f] === 'string' && n > 0) values[f] = `${values[f]}-${n}`;
        all.push({
          line: all.length + 2, values,
          geometry: moved(r.geometry, dx, dy) as LayerRecord['geometry'],
          ...(r.footprint ? { footprint: moved(r.footprint, dx, dy) as LayerRecord['footprint'] } : {}),
        });
      }
    }
    out[layer] = all;
  }
  return out;
}

/** One INSERT … SELECT per table copying the imported region's rows into another: writing the same rows, nothing judged. */
async function insertSelect(db: Database, from: string, to: string): Promise<number> {
  const t0 = performance.now();
  await db.knex.transaction(async (trx) => {
    for (const table of TABLES) {
      const { rows } = await trx.raw(
        `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS cols FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = ? AND column_name <> 'region'`,
        [table],
      );
      const cols = rows[0].cols as string;
      await trx.raw(`INSERT INTO ${table} (region, ${cols}) OVERRIDING SYSTEM VALUE SELECT ?, ${cols} FROM ${table} WHERE region = ?`, [to, from]);
    }
  });
  return (performance.now() - t0) / 1000;
}

async function one(label: string, db: Database, records: Partial<Record<ImportLayer, LayerRecord[]>>, region: string): Promise<void> {
  const ctx: AppContext = { db, region };
  const buildings = records.buildings?.length ?? 0;
  const [draft, stageS, stageMb] = await seconds(() => draftFromRecords(ctx, records));
  const [checked, checkS, checkMb] = await seconds(() => checkDraft(ctx, IMPORTER, draft.id, draft.version));
  const errors = checked.report!.errors;
  const [, commitS, commitMb] = await seconds(() => commitImport(ctx, IMPORTER, checked.id, { version: checked.version, acceptWarnings: true }));
  const copyS = await insertSelect(db, region, `${region}-copy`);
  const pad = (x: number) => x.toFixed(1).padStart(7);
  console.log(
    `${label.padEnd(34)} ${String(buildings).padStart(9)} ${pad(stageS)} ${pad(checkS)} ${pad(commitS)} ${pad(copyS)}  ${((checkS + commitS) / copyS).toFixed(1).padStart(6)}×` +
      `   ${Math.round(Math.max(stageMb, checkMb, commitMb))} MB${errors ? `  (${errors} errors!)` : ''}`,
  );
}

export async function benchImports(label: string, db: Database, copies: number): Promise<void> {
  console.log(`\n## ${label}: import into an empty region (issue 14) — seconds; ratio = (check + commit) / INSERT … SELECT; peak RSS of this process`);
  console.log('city                               buildings   stage   check  commit  insert-select  ratio   peak');
  const city = generateCity(DEMO_CITY_OPTIONS);
  const { 'village-communities': _table, ...records } = cityRecords(city);
  void _table;
  await one('demo city', db, records, 'bench-import-demo');
  if (copies > 1) await one(`${copies} demo cities side by side`, db, copiedRecords(city, copies), 'bench-import-large');
  else console.log('(the large city skipped: GRIDMAP_BENCH_IMPORT_COPIES_* = 0)');
}
