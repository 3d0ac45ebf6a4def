// A scenario's exports: the new communities as GeoJSON (each group's unioned outline with its
// change-table figures) and the change table as an Excel workbook.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { AppContext } from '../../context';
import { changesWorkbook } from './changes-xlsx';
import { compareScenario } from './compare';
import { groupShapes } from './figures';
import { resolveGroups } from './members';
import type { Scenario } from './store';

export async function exportGeoJson(ctx: AppContext, scenario: Scenario): Promise<FeatureCollection<Polygon | MultiPolygon>> {
  const groups = await resolveGroups(ctx.db.knex, ctx.region, scenario.townIds, scenario.groups);
  const comparison = await compareScenario(ctx, scenario, groups);
  const shapes = await groupShapes(ctx.db.knex, ctx.region, groups);
  const outline = new Map(shapes.map((s) => [s.key, s.outline]));
  const features = comparison.groups.map((g): Feature<Polygon | MultiPolygon> => {
    const { warnings, fromCommunities, coverage, farthestM, formChanges, ...figures } = g;
    return {
      type: 'Feature',
      id: g.key,
      geometry: outline.get(g.key)!,
      properties: {
        ...figures,
        fromCommunities: fromCommunities.map((c) => c.id),
        formChanges: formChanges.map((c) => c.id),
        coverageBefore: coverage.before,
        coverageAfter: coverage.after,
        farthestBeforeM: farthestM.before,
        farthestAfterM: farthestM.after,
        detached: warnings.detached,
        holes: warnings.holes,
        enclaves: warnings.enclaves,
        townsCrossed: warnings.townsCrossed,
      },
    };
  });
  return { type: 'FeatureCollection', features };
}

/** The change table as an .xlsx workbook, with the names of the towns, villages and communities it refers to. */
export async function exportChanges(ctx: AppContext, scenario: Scenario): Promise<{ fileName: string; bytes: Buffer }> {
  const comparison = await compareScenario(ctx, scenario);
  const ids = [
    ...comparison.groups.flatMap((g) => [g.townId, ...g.warnings.townsCrossed, ...g.warnings.detached, ...g.warnings.enclaves, ...g.fromCommunities.map((c) => c.id)]),
    ...comparison.remainders.map((r) => r.id),
  ];
  const { rows } = await ctx.db.knex.raw(
    `SELECT id, name FROM towns WHERE region = :region AND id = ANY(:ids)
     UNION ALL SELECT id, name FROM villages WHERE region = :region AND id = ANY(:ids)
     UNION ALL SELECT id, name FROM communities WHERE region = :region AND id = ANY(:ids)`,
    { region: ctx.region, ids: [...new Set(ids)] },
  );
  const names = new Map((rows as Array<{ id: string; name: string }>).map((r) => [r.id, r.name]));
  return { fileName: `${scenario.name}-变更表.xlsx`, bytes: await changesWorkbook(scenario.name, comparison, names) };
}
