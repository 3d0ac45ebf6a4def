// The whole check of an import, inside one transaction: the draft city built from the staged
// rows and the city as it is, every check over it, the diff and the totals. The dry run (the
// report) runs it and lets the transaction go; the commit runs the same inside its own write,
// so what is written is exactly what was judged.
import type { Knex } from 'knex';
import { LAYER_ORDER, type ImportLayer } from '../../domain/layers';
import { draftAreas, draftGroups } from './city/areas';
import { draftBuildings } from './city/buildings';
import { diffCity } from './city/diff';
import { draftOrganisations } from './city/organisations';
import { draftAliases, draftCentres, draftPairings } from './city/places';
import { runner } from './city/run';
import { indexPlaces, readyForChecks, type DraftContext } from './city/steps';
import { draftCommunities, draftTowns, draftVillages } from './city/units';
import { checkGaps, checkInsideParent, checkOverlaps, checkUnionOfVillages, checkValidity } from './checks/geometry';
import { checkReferences } from './checks/references';
import { Problems } from './report/problems';
import { townTotals } from './report/totals';
import type { ImportProblem, ImportReport, LayerDiff, LayerMode } from './types';

/** The table a layer's units live in, for the layer's line of the report. */
const TABLE_OF: Record<ImportLayer, string> = {
  towns: 'towns', villages: 'villages', communities: 'communities', 'village-communities': 'villages', buildings: 'buildings',
  organisations: 'party_orgs', centres: 'service_centres', areas: 'contracted_areas', groups: 'party_groups', pairings: 'pairings', aliases: 'address_aliases',
};

export interface CheckInput {
  region: string;
  importId: string;
  modes: Partial<Record<ImportLayer, LayerMode>>;
  /** Problems found while reading the files (values that do not parse, places outside the region): the first ones, and the counts of all. */
  rowProblems: ImportProblem[];
  rowCounts: { errors: number; warnings: number };
  /** Rows read per layer. */
  rows: Partial<Record<ImportLayer, number>>;
  /** The city's signature when the check began (city/signature.ts). */
  signature: string;
}

export async function checkImport(trx: Knex.Transaction, input: CheckInput): Promise<ImportReport> {
  const run = runner(trx, { region: input.region, imp: input.importId });
  const problems = new Problems();
  const c: DraftContext = { run, problems, modes: input.modes };
  await run(`CREATE TEMP TABLE staged ON COMMIT DROP AS SELECT layer, line, "values" AS v, geom, footprint FROM import_rows WHERE region = :region AND import_id = :imp`);
  await run('CREATE INDEX ON staged (layer, line)');
  await checkValidity(c);

  await draftTowns(c);
  await draftCommunities(c);
  await indexPlaces(c, 'towns');
  await indexPlaces(c, 'communities');
  await draftVillages(c);
  await indexPlaces(c, 'villages');
  await draftBuildings(c);
  await draftAreas(c);
  await draftGroups(c);
  await draftOrganisations(c);
  await draftCentres(c);
  await draftPairings(c);
  await draftAliases(c);
  await readyForChecks(c);

  await checkOverlaps(c, { layer: 'towns', table: 'towns' });
  await checkOverlaps(c, { layer: 'communities', table: 'communities' });
  await checkOverlaps(c, { layer: 'villages', table: 'villages', scope: 'a.town_id = b.town_id' });
  await checkOverlaps(c, { layer: 'areas', table: 'contracted_areas', scope: 'a.community_id = b.community_id' });
  await checkGaps(c, { layer: 'communities', parent: 'towns', child: 'communities', column: 'town_id', children: 'community' });
  await checkGaps(c, { layer: 'areas', parent: 'communities', child: 'contracted_areas', column: 'community_id', children: 'area' });
  await checkInsideParent(c, { layer: 'communities', parent: 'towns', child: 'communities', column: 'town_id', children: 'community' });
  await checkInsideParent(c, { layer: 'villages', parent: 'towns', child: 'villages', column: 'town_id', children: 'village' });
  await checkInsideParent(c, { layer: 'areas', parent: 'communities', child: 'contracted_areas', column: 'community_id', children: 'area' });
  await checkUnionOfVillages(c);
  await checkReferences(c);
  for (const p of input.rowProblems) problems.push(p);
  const listedErrors = input.rowProblems.filter((p) => p.severity === 'error').length;
  problems.countUnlisted(input.rowCounts.errors - listedErrors, input.rowCounts.warnings - (input.rowProblems.length - listedErrors));

  const tables = await diffCity(c);
  const layers: Partial<Record<ImportLayer, LayerDiff>> = {};
  for (const layer of LAYER_ORDER) {
    if (!input.modes[layer]) continue;
    const d = tables.get(TABLE_OF[layer])!;
    layers[layer] = { rows: input.rows[layer] ?? 0, added: layer === 'village-communities' ? 0 : d.added, changed: d.changed, removed: layer === 'village-communities' ? 0 : d.removed };
  }
  const { problems: listed, truncated } = problems.listed();
  return {
    checkedAt: new Date().toISOString(),
    signature: input.signature,
    ok: problems.errors === 0,
    errors: problems.errors,
    warnings: problems.warnings,
    problems: listed,
    layers,
    tables: [...tables].map(([table, d]) => ({ table, ...d })),
    towns: await townTotals(run),
    truncated,
  };
}
