// A draft import made straight from rows (tests/support/city-records.ts), skipping the files:
// for testing and measuring the check, the commit and undo on their own.
import type { AppContext } from '../../server/context';
import type { ImportLayer } from '../../server/domain/layers';
import type { AuthUser } from '../../server/features/auth/service';
import { createImport, getImport, putLayer } from '../../server/features/import/drafts';
import type { LayerRecord } from '../../server/analysis/onboarding/types';
import { stageRecords } from '../../server/features/import/staging';
import type { ImportState, LayerMode } from '../../server/features/import/types';

export const IMPORTER: AuthUser = { id: 'test-importer', username: 'importer', displayName: '导入测试', role: 'admin', towns: [], areas: [] };

export async function draftFromRecords(
  ctx: AppContext,
  layers: Partial<Record<ImportLayer, LayerRecord[]>>,
  modes: Partial<Record<ImportLayer, LayerMode>> = {},
): Promise<ImportState> {
  let state = await createImport(ctx, IMPORTER);
  for (const [layer, records] of Object.entries(layers) as Array<[ImportLayer, LayerRecord[]]>) {
    await stageRecords(ctx, state.id, layer, records);
    await putLayer(ctx, IMPORTER, state.id, state.version, layer, {
      layer, file: `${layer}.xlsx`, format: 'xlsx', skipped: [], columns: [], fields: {}, mapping: {}, unsure: [],
      crs: { status: 'none', used: null, candidates: [] }, mode: modes[layer] ?? 'replace', rows: records.length, rowProblems: 0, rowErrors: 0, problems: [], preview: [],
    });
    state = await getImport(ctx, state.id);
  }
  return state;
}
