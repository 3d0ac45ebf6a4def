// A scenario's new communities as GeoJSON: each group's unioned outline with its change-table figures.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { AppContext } from '../../context';
import { compareScenario } from './compare';
import { groupShapes, readWithoutJit } from './figures';
import { resolveGroups } from './members';
import type { Scenario } from './store';

export async function exportGeoJson(ctx: AppContext, scenario: Scenario): Promise<FeatureCollection<Polygon | MultiPolygon>> {
  const groups = await resolveGroups(ctx.db.knex, ctx.region, scenario.townIds, scenario.groups);
  const comparison = await compareScenario(ctx, scenario, groups);
  const shapes = await readWithoutJit(ctx.db.knex, (k) => groupShapes(k, ctx.region, groups));
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
