// `npm run import -- --dir FOLDER [--region CODE] [--dry-run] [--json]`: a city's first bulk
// load from the files a county hands over, named by layer (towns.zip, villages.geojson,
// organisations.xlsx …), through the same draft, check and commit as the admin's wizard.
// Everything or nothing: exit 0 committed (or, with --dry-run, nothing to refuse), 1 refused,
// 2 called wrongly. mapping.json in the folder may name, per layer, the columns, the coordinate
// system, the sheet and whether the layer merges into the city rather than replacing it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readConfig } from '../config';
import type { Database } from '../db/database';
import { openDatabase } from '../db/database';
import { IMPORT_LAYERS, LAYER_ORDER, LAYER_SPECS, isImportLayer, type ImportLayer } from '../domain/layers';
import { say } from '../domain/messages';
import { HttpError, problem } from '../http/errors';
import type { AuthUser } from '../features/auth/service';
import { commitImport } from '../features/import/commit';
import { createImport, discardImport } from '../features/import/drafts';
import { checkDraft } from '../features/import/dry-run';
import { mapLayer, putLayerFile } from '../features/import/layer-file';
import type { ImportProblem, ImportState, LayerDiff } from '../features/import/types';
import { prepareDatabase } from '../startup';
import { CliFault, runCli } from './run';

const USAGE = 'usage: npm run import -- --dir <folder> [--region <code>] [--dry-run] [--json]';
const EXTENSIONS = ['zip', 'geojson', 'json', 'kml', 'xlsx', 'csv'];

const layerMapping = z.strictObject({
  columns: z.record(z.string(), z.string().nullable()).optional(),
  crs: z.string().optional(),
  sheet: z.string().optional(),
  mode: z.enum(['replace', 'merge']).optional(),
});
const mappingFile = z.partialRecord(z.enum(IMPORT_LAYERS), layerMapping);
type LayerMapping = z.infer<typeof layerMapping>;

/** Whoever runs the command: the audit log names the operating system's user beside it. */
const OPERATOR: AuthUser = { id: 'cli', username: 'system', displayName: os.userInfo().username, role: 'admin', towns: [], areas: [] };

function layerFiles(dir: string): { files: Map<ImportLayer, string>; ignored: string[] } {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CliFault({ code: 'cli_import_no_dir', params: { dir } }, true);
  const files = new Map<ImportLayer, string>();
  const ignored: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const m = /^(.+)\.([^.]+)$/.exec(name);
    if (name === 'mapping.json' || name.startsWith('.') || fs.statSync(path.join(dir, name)).isDirectory()) continue;
    const layer = m?.[1]?.toLowerCase();
    if (!m || !layer || !isImportLayer(layer) || !EXTENSIONS.includes(m[2]!.toLowerCase())) ignored.push(name);
    else if (files.has(layer)) throw new CliFault({ code: 'cli_import_two_files', params: { layer, a: path.basename(files.get(layer)!), b: name } }, true);
    else files.set(layer, path.join(dir, name));
  }
  if (!files.size) throw new CliFault({ code: 'cli_import_no_files', params: { dir, layers: IMPORT_LAYERS.join(', ') } }, true);
  return { files, ignored };
}

function readMapping(dir: string): Partial<Record<ImportLayer, LayerMapping>> {
  const file = path.join(dir, 'mapping.json');
  if (!fs.existsSync(file)) return {};
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliFault({ code: 'cli_import_mapping_json', params: { detail: (err as Error).message } }, true);
  }
  const parsed = mappingFile.safeParse(json);
  if (!parsed.success) throw new CliFault({ code: 'cli_import_mapping_json', params: { detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } }, true);
  return parsed.data;
}

/** A layer the command cannot read or map as it stands: one problem, so the report lists them all. */
const layerProblem = (layer: ImportLayer, err: unknown): ImportProblem => {
  if (!(err instanceof HttpError)) throw err;
  return { ...problem({ code: err.code, params: err.params }), layer };
};

/** Reads, maps and stages each layer; what needs a person's choice comes back as problems. */
async function stageLayers(db: Database, region: string, files: Map<ImportLayer, string>, mapping: Partial<Record<ImportLayer, LayerMapping>>): Promise<{ state: ImportState; problems: ImportProblem[] }> {
  const ctx = { db, region };
  let state = await createImport(ctx, OPERATOR);
  const problems: ImportProblem[] = [];
  for (const layer of LAYER_ORDER) {
    const file = files.get(layer);
    if (!file) continue;
    const chosen = mapping[layer] ?? {};
    try {
      state = await putLayerFile(ctx, OPERATOR, state.id, state.version, layer, { name: path.basename(file), bytes: fs.readFileSync(file), ...(chosen.sheet ? { sheet: chosen.sheet } : {}) });
      const read = state.layers[layer]!;
      const unsure = read.unsure.filter((f) => !(chosen.columns && f in chosen.columns));
      if (unsure.length) {
        problems.push({ ...problem({ code: 'cli_import_unsure', params: { layer, fields: unsure.map((f) => `${f}: ${read.fields[f]?.candidates.join(' | ') || '?'}`) } }), layer });
        continue;
      }
      if (read.crs.status === 'ambiguous' && !chosen.crs) {
        problems.push({ ...problem({ code: 'cli_import_crs', params: { layer, suggested: read.crs.suggested ?? '', reason: read.crs.reason?.message ?? '' } }), layer });
        continue;
      }
      if (read.rows === null || chosen.columns || chosen.crs || chosen.mode) {
        state = await mapLayer(ctx, OPERATOR, state.id, state.version, layer, { ...(chosen.columns ? { mapping: chosen.columns } : {}), ...(chosen.crs ? { crs: chosen.crs } : {}), ...(chosen.mode ? { mode: chosen.mode } : {}) });
      }
    } catch (err) {
      problems.push(layerProblem(layer, err));
    }
  }
  return { state, problems };
}

interface Outcome {
  ok: boolean;
  committed: boolean;
  region: string;
  importId: string;
  layers: Partial<Record<ImportLayer, LayerDiff>>;
  problems: ImportProblem[];
}

/** The contract's problem: where it is and what it says, without the outline (the wizard draws those). */
const forJson = (p: ImportProblem) => ({
  layer: p.layer, ...(p.row ? { row: p.row } : {}), ...(p.id ? { id: p.id } : {}), code: p.code, severity: p.severity,
  message: p.message, messageEn: p.messageEn, ...(p.location ? { location: p.location } : {}),
});

function print(outcome: Outcome, ignored: string[], asJson: boolean): void {
  if (asJson) {
    console.log(JSON.stringify({ ok: outcome.ok, committed: outcome.committed, region: outcome.region, importId: outcome.importId, layers: outcome.layers, problems: outcome.problems.map(forJson) }, null, 2));
    return;
  }
  for (const name of ignored) for (const locale of ['zh', 'en'] as const) console.log(say({ code: 'cli_import_ignored', params: { name } }, locale));
  for (const [layer, d] of Object.entries(outcome.layers) as Array<[ImportLayer, LayerDiff]>) {
    console.log(`${LAYER_SPECS[layer].zh} / ${layer}: ${d.rows} 行 rows · +${d.added} ~${d.changed} −${d.removed}`);
  }
  for (const p of outcome.problems) {
    const where = [p.layer, p.row ? `#${p.row}` : '', p.id ?? ''].filter(Boolean).join(' ');
    console.log(`[${p.severity === 'error' ? '错误 error' : '提示 warning'}] ${where} ${p.code}\n  ${p.message}\n  ${p.messageEn}`);
  }
  const verdict = outcome.committed ? 'cli_import_committed' : outcome.ok ? 'cli_import_dry_run' : 'cli_import_refused';
  const params = { region: outcome.region, id: outcome.importId, errors: outcome.problems.filter((p) => p.severity === 'error').length };
  console.log(say({ code: verdict, params }, 'zh'));
  console.log(say({ code: verdict, params }, 'en'));
}

await runCli(
  USAGE,
  async () => {
    const { values } = parseArgs({ options: { dir: { type: 'string' }, region: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } } });
    if (!values.dir) throw new CliFault({ code: 'cli_missing_option', params: { option: '--dir' } }, true);
    if (values.region !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(values.region)) throw new CliFault({ code: 'cli_import_region', params: { region: values.region } }, true);
    const dir = path.resolve(values.dir);
    const { files, ignored } = layerFiles(dir);
    const mapping = readMapping(dir);
    const config = readConfig();
    const region = values.region ?? config.region;
    const db = await openDatabase(config);
    try {
      await prepareDatabase(db, region, () => {}, false);
      const ctx = { db, region };
      const staged = await stageLayers(db, region, files, mapping);
      let state = staged.state;
      let problems = staged.problems;
      if (!problems.some((p) => p.severity === 'error')) {
        state = await checkDraft(ctx, OPERATOR, state.id, state.version);
        problems = [...problems, ...state.report!.problems];
      }
      const ok = !problems.some((p) => p.severity === 'error');
      let committed = false;
      if (ok && !values['dry-run']) {
        state = await commitImport(ctx, OPERATOR, state.id, { version: state.version, acceptWarnings: true });
        committed = true;
      } else {
        await discardImport(ctx, OPERATOR, state.id, state.version);
      }
      print({ ok, committed, region, importId: state.id, layers: state.report?.layers ?? {}, problems }, ignored, values.json ?? false);
      if (!ok) process.exitCode = 1;
    } finally {
      await db.close();
    }
  },
  { usageExit: 2 },
);
