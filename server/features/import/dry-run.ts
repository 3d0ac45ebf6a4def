// The dry run: the check of an import as it stands, kept on the import (version + 1) so the
// wizard and the CLI show it and a commit can tell whether the city moved on since.
import type { AppContext } from '../../context';
import type { ImportLayer } from '../../domain/layers';
import { ConflictError } from '../../http/errors';
import type { AuthUser } from '../auth/service';
import { checkImport } from './check';
import { citySignature } from './city/signature';
import { plannedFrom } from './commit';
import { getImport, lockImport, updateImport } from './drafts';
import { placeCentresByAddress } from './staging';
import type { ImportLayerState, ImportState } from './types';

export async function checkDraft(ctx: AppContext, actor: AuthUser, id: string, version: number): Promise<ImportState> {
  const state = await getImport(ctx, id);
  // The check takes seconds on a large city: a stale step is refused before, not after.
  if (state.version !== version) throw new ConflictError(state, 'import', id, state.version, version);
  const planned = plannedFrom(id, state.layers as Partial<Record<ImportLayer, ImportLayerState>>);
  if (planned.modes.centres) await placeCentresByAddress(ctx, id);
  // Drafted tables only, nothing kept: outside the journal, with the bulk statement timeout.
  const report = await ctx.db.scratch(async (trx) => {
    const signature = await citySignature(trx, ctx.region);
    return checkImport(trx, { region: ctx.region, importId: id, ...planned, signature });
  });
  await ctx.db.write(async (trx, touch) => {
    await lockImport(ctx, { trx }, id, version, 'draft');
    await updateImport(ctx, { trx, touch }, actor, id, { report });
  });
  return getImport(ctx, id);
}
