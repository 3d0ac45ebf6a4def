// Every reference in the draft city points at a unit the draft has: a re-imported layer that
// drops a unit others still name (a community with areas, an area with buildings) is refused
// with each unit left pointing nowhere, rather than failing in the database at commit.
import type { ImportLayer } from '../../../domain/layers';
import { OBJECT_WORDS } from '../../../domain/words';
import { CITY_TABLES, cityTable } from '../city/tables';
import type { DraftContext } from '../city/steps';

const LAYER_OF: Record<string, ImportLayer> = {
  towns: 'towns', communities: 'communities', villages: 'villages', contracted_areas: 'areas', party_groups: 'groups',
  estates: 'buildings', buildings: 'buildings', party_orgs: 'organisations', service_centres: 'centres', pairings: 'pairings', address_aliases: 'aliases',
};

export async function checkReferences(c: DraftContext): Promise<void> {
  for (const t of CITY_TABLES) {
    for (const p of t.parents) {
      const rows = await c.run(`
        SELECT k.id, k.line, k.${p.column} AS parent FROM draft_${t.table} k
        WHERE k.${p.column} IS NULL OR NOT EXISTS (SELECT 1 FROM draft_${p.table} q WHERE q.id = k.${p.column})
        ORDER BY k.line NULLS LAST, k.id LIMIT 500`);
      for (const r of rows) {
        c.problems.add({
          layer: LAYER_OF[t.table]!, row: r.line === null ? null : Number(r.line), ...(r.id === null ? {} : { id: String(r.id) }),
          code: 'parent_missing',
          params: {
            what: OBJECT_WORDS[t.word].zh, whatEn: OBJECT_WORDS[t.word].en, id: r.id === null ? '' : String(r.id),
            parentWhat: OBJECT_WORDS[cityTable(p.table).word].zh, parentWhatEn: OBJECT_WORDS[cityTable(p.table).word].en, parent: r.parent === null ? '' : String(r.parent),
          },
        });
      }
    }
  }
}
