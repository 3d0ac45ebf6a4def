// Contracted areas and building party groups in the draft city, and which of them each building
// is in. A building is in the area (group) its own row names, else the one whose list names it,
// else the one whose outline holds it, else — in a community nobody has divided yet — its
// community's 未划片区 (its area's default group), which the report says so a planner divides
// it. An area given by its buildings gets the outline the area editor would draw: the union of
// its buildings' Voronoi cells, clipped to the community.
import { GRID } from '../../../db/overlay';
import { GROUP_OUTLINE } from '../../groups/outline';
import { brings, indexPlaces, keepsCurrent, mergeInto, newId, resolve, stage, startDraft, type DraftContext } from './steps';

export const UNPLANNED_AREA = { zh: '未划片区', en: 'Unplanned area' } as const;
export const DEFAULT_GROUP_SUFFIX = '党小组';

const listOf = (field: string) => `ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(s.v->'${field}') = 'array' THEN s.v->'${field}' ELSE '[]'::jsonb END))`;

export async function draftAreas(c: DraftContext): Promise<void> {
  await startDraft(c, 'contracted_areas', 'o.id, o.community_id, o.name, o.name_en, o.lead_name, o.lead_phone, o.geom', keepsCurrent(c, 'areas'));
  if (brings(c, 'areas')) {
    await stage(
      c, 'areas', 'areas',
      `nullif(s.v->>'code', '') AS code, s.v->>'name' AS name, s.v->>'nameEn' AS name_en, coalesce(s.v->>'lead', '') AS lead_name,
       coalesce(s.v->>'phone', '') AS lead_phone, CASE WHEN s.geom IS NULL THEN NULL ELSE ST_Multi(s.geom) END AS geom,
       s.v->>'community' AS community_ref, NULL::text AS community_id, ${listOf('buildings')} AS building_refs, NULL::text AS id`,
    );
    await resolve(c, { layer: 'areas', from: 'staged_areas', ref: 'community_ref', out: 'community_id', target: 'draft_communities', field: 'community' });
    await c.run(`
      UPDATE staged_areas s SET id = coalesce(s.code,
        (SELECT o.id FROM contracted_areas o WHERE o.region = :region AND o.community_id = s.community_id AND o.name = s.name ORDER BY o.id LIMIT 1), ${newId('A')})`);
    await mergeInto(c, 'areas', 'staged_areas', 'contracted_areas', ['community_id', 'name', 'name_en', 'lead_name', 'lead_phone', 'geom']);
  }
  // Areas of communities the draft no longer has go with them, unless the file brought them (then the reference is reported).
  await c.run('DELETE FROM draft_contracted_areas a WHERE a.line IS NULL AND NOT EXISTS (SELECT 1 FROM draft_communities m WHERE m.id = a.community_id)');
  await indexPlaces(c, 'contracted_areas');
  await assignBuildings(c, {
    table: 'contracted_areas', column: 'area_id', ref: 'area_ref', layer: 'areas', field: 'area',
    within: 'community_id', listed: brings(c, 'areas') ? 'staged_areas' : undefined,
  });
  await c.run(`UPDATE draft_buildings b SET area_id = (
      SELECT a.id FROM draft_contracted_areas a WHERE a.community_id = b.community_id AND a.geom IS NOT NULL AND ST_Covers(a.geom, b.geom) ORDER BY a.id LIMIT 1)
    WHERE b.area_id IS NULL AND b.community_id IS NOT NULL`);
  await unplannedAreas(c);
  await outlineAreas(c);
}

interface Assignment {
  table: 'contracted_areas' | 'party_groups';
  column: 'area_id' | 'group_id';
  ref: 'area_ref' | 'group_ref';
  layer: 'areas' | 'groups';
  field: string;
  /** The building's column the unit must share (an area in its community, a group in its area). */
  within: 'community_id' | 'area_id';
  /** The staged units whose `building_refs` list their buildings. */
  listed?: string;
}

/** Units gone free their buildings; then a building's own row, then a unit's list, places it. */
async function assignBuildings(c: DraftContext, a: Assignment): Promise<void> {
  const draft = `draft_${a.table}`;
  await c.run(`UPDATE draft_buildings b SET ${a.column} = NULL WHERE b.${a.column} IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM ${draft} u WHERE u.id = b.${a.column} AND u.${a.within} = b.${a.within})`);
  if (brings(c, 'buildings')) {
    await resolve(c, { layer: 'buildings', from: 'draft_buildings', ref: a.ref, out: a.column, target: draft, field: a.field, scope: `t.${a.within} = s.${a.within}` });
  }
  if (!a.listed) return;
  await c.run(`
    CREATE TEMP TABLE listed_${a.column} ON COMMIT DROP AS
    SELECT u.id AS unit, u.${a.within} AS within, u.line, r.ref,
           (SELECT min(b.id) FROM draft_buildings b WHERE b.${a.within} = u.${a.within} AND (b.id = r.ref OR b.address = r.ref)) AS building
    FROM ${a.listed} u, unnest(u.building_refs) AS r(ref)
    WHERE u.id IS NOT NULL`);
  const unknown = await c.run(`SELECT line, ref FROM listed_${a.column} WHERE building IS NULL ORDER BY line`);
  for (const u of unknown) c.problems.add({ layer: a.layer, row: Number(u.line), code: 'unresolved_reference', params: { field: 'buildings', value: String(u.ref), count: 0 } });
  const twice = await c.run(`
    SELECT l.building, min(l.line)::int AS first, max(l.line)::int AS line, (SELECT b.address FROM draft_buildings b WHERE b.id = l.building) AS address
    FROM listed_${a.column} l WHERE l.building IS NOT NULL GROUP BY l.building HAVING count(DISTINCT l.unit) > 1`);
  for (const t of twice) c.problems.add({ layer: a.layer, row: Number(t.line), id: String(t.building), code: 'building_in_two_lists', params: { address: String(t.address), first: Number(t.first) } });
  await c.run(`
    UPDATE draft_buildings b SET ${a.column} = l.unit
    FROM (SELECT DISTINCT ON (building) building, unit FROM listed_${a.column} WHERE building IS NOT NULL ORDER BY building, line) l
    WHERE b.id = l.building AND b.${a.column} IS NULL`);
}

/** A community's buildings that no area holds go into its 未划片区, made once and kept by name. */
async function unplannedAreas(c: DraftContext): Promise<void> {
  const left = await c.run(`
    SELECT b.community_id, m.name, count(*)::int AS n FROM draft_buildings b JOIN draft_communities m ON m.id = b.community_id
    WHERE b.area_id IS NULL GROUP BY b.community_id, m.name ORDER BY b.community_id`);
  if (!left.length) return;
  await c.run(`
    INSERT INTO draft_contracted_areas (id, community_id, name, name_en, lead_name, lead_phone, geom)
    SELECT coalesce((SELECT o.id FROM contracted_areas o WHERE o.region = :region AND o.community_id = l.community_id AND o.name = :unplanned ORDER BY o.id LIMIT 1),
                    'A' || substr(md5(:imp || '/unplanned/' || l.community_id), 1, 10)),
           l.community_id, :unplanned, :unplannedEn, '', '', NULL
    FROM (SELECT DISTINCT community_id FROM draft_buildings WHERE area_id IS NULL AND community_id IS NOT NULL) l
    WHERE NOT EXISTS (SELECT 1 FROM draft_contracted_areas a WHERE a.community_id = l.community_id AND a.name = :unplanned)`,
  { unplanned: UNPLANNED_AREA.zh, unplannedEn: UNPLANNED_AREA.en });
  await c.run(`
    UPDATE draft_buildings b SET area_id = a.id FROM draft_contracted_areas a
    WHERE b.area_id IS NULL AND a.community_id = b.community_id AND a.name = :unplanned`, { unplanned: UNPLANNED_AREA.zh });
  for (const l of left) {
    c.problems.add({ layer: 'buildings', severity: 'warning', code: 'unplanned_area', id: String(l.community_id), params: { community: String(l.name), count: Number(l.n) } });
  }
}

/** Outlines for areas without one: their buildings' cells, or the whole community for its only area. */
async function outlineAreas(c: DraftContext): Promise<void> {
  await c.run(`
    CREATE TEMP TABLE area_cells ON COMMIT DROP AS
    WITH need AS (SELECT DISTINCT community_id FROM draft_contracted_areas WHERE geom IS NULL),
    sites AS (SELECT b.community_id, b.area_id, b.geom FROM draft_buildings b JOIN need USING (community_id)),
    cells AS (
      SELECT v.community_id, (ST_Dump(v.cells)).geom AS cell
      FROM (SELECT s.community_id, ST_VoronoiPolygons(ST_Collect(s.geom), 0, (SELECT m.geom FROM draft_communities m WHERE m.id = s.community_id)) AS cells
            FROM sites s GROUP BY s.community_id) v)
    SELECT s.area_id, c.cell FROM cells c JOIN sites s ON s.community_id = c.community_id AND ST_Intersects(c.cell, s.geom)`);
  await c.run(`
    UPDATE draft_contracted_areas a SET geom = ST_Multi(ST_CollectionExtract(ST_Intersection(u.g, m.geom, ${GRID}), 3))
    FROM (SELECT area_id, ST_Union(cell, ${GRID}) AS g FROM area_cells GROUP BY area_id) u, draft_communities m
    WHERE a.id = u.area_id AND a.geom IS NULL AND m.id = a.community_id`);
  await c.run(`
    UPDATE draft_contracted_areas a SET geom = m.geom FROM draft_communities m
    WHERE a.geom IS NULL AND m.id = a.community_id AND NOT EXISTS (SELECT 1 FROM draft_contracted_areas o WHERE o.community_id = a.community_id AND o.id <> a.id)`);
  const bare = await c.run('SELECT id, name, line FROM draft_contracted_areas WHERE geom IS NULL OR ST_IsEmpty(geom) ORDER BY id');
  for (const b of bare) c.problems.add({ layer: 'areas', row: b.line === null ? null : Number(b.line), id: String(b.id), code: 'area_without_outline', params: { name: String(b.name) } });
}

export async function draftGroups(c: DraftContext): Promise<void> {
  await startDraft(c, 'party_groups', 'o.id, o.area_id, o.name, o.name_en, o.geom', keepsCurrent(c, 'groups'));
  if (brings(c, 'groups')) {
    await stage(
      c, 'groups', 'groups',
      `nullif(s.v->>'code', '') AS code, s.v->>'name' AS name, s.v->>'nameEn' AS name_en, s.v->>'area' AS area_ref, NULL::text AS area_id,
       s.v->>'community' AS community_ref, NULL::text AS community_id, ${listOf('buildings')} AS building_refs, NULL::text AS id`,
    );
    await resolve(c, { layer: 'groups', from: 'staged_groups', ref: 'community_ref', out: 'community_id', target: 'draft_communities', field: 'community' });
    await resolve(c, { layer: 'groups', from: 'staged_groups', ref: 'area_ref', out: 'area_id', target: 'draft_contracted_areas', field: 'area', scope: '(s.community_id IS NULL OR t.community_id = s.community_id)' });
    await c.run(`
      UPDATE staged_groups s SET id = coalesce(s.code,
        (SELECT o.id FROM party_groups o WHERE o.region = :region AND o.area_id = s.area_id AND o.name = s.name ORDER BY o.id LIMIT 1), ${newId('G')})`);
    await mergeInto(c, 'groups', 'staged_groups', 'party_groups', ['area_id', 'name', 'name_en']);
  }
  await c.run('DELETE FROM draft_party_groups g WHERE g.line IS NULL AND NOT EXISTS (SELECT 1 FROM draft_contracted_areas a WHERE a.id = g.area_id)');
  await assignBuildings(c, {
    table: 'party_groups', column: 'group_id', ref: 'group_ref', layer: 'groups', field: 'group',
    within: 'area_id', listed: brings(c, 'groups') ? 'staged_groups' : undefined,
  });
  // A building no group holds joins its area's group (made once per area, found again by name).
  await c.run(`
    INSERT INTO draft_party_groups (id, area_id, name, name_en)
    SELECT coalesce((SELECT o.id FROM party_groups o WHERE o.region = :region AND o.area_id = a.id AND o.name = a.name || :suffix ORDER BY o.id LIMIT 1),
                    'G' || substr(md5(:imp || '/group/' || a.id), 1, 10)),
           a.id, a.name || :suffix, a.name_en || ' party group'
    FROM draft_contracted_areas a
    WHERE EXISTS (SELECT 1 FROM draft_buildings b WHERE b.area_id = a.id AND b.group_id IS NULL)
      AND NOT EXISTS (SELECT 1 FROM draft_party_groups g WHERE g.area_id = a.id AND g.name = a.name || :suffix)`, { suffix: DEFAULT_GROUP_SUFFIX });
  await c.run(`
    UPDATE draft_buildings b SET group_id = g.id FROM draft_party_groups g JOIN draft_contracted_areas a ON a.id = g.area_id
    WHERE b.group_id IS NULL AND g.area_id = b.area_id AND g.name = a.name || :suffix`, { suffix: DEFAULT_GROUP_SUFFIX });
  // Outlines follow the buildings: redrawn for the groups whose buildings came in this import (a
  // table of their own: an IN … OR IN over the buildings is planned row by row, hours at a million).
  await c.run(`
    CREATE TEMP TABLE redrawn_groups ON COMMIT DROP AS
    SELECT DISTINCT group_id AS id FROM draft_buildings WHERE line IS NOT NULL AND group_id IS NOT NULL
    UNION SELECT id FROM draft_party_groups WHERE geom IS NULL`);
  await c.run('CREATE INDEX ON redrawn_groups (id)');
  await c.run(`
    UPDATE draft_party_groups g SET geom = h.geom
    FROM (SELECT b.group_id, ${GROUP_OUTLINE} AS geom FROM draft_buildings b JOIN redrawn_groups r ON r.id = b.group_id GROUP BY b.group_id) h
    WHERE g.id = h.group_id`);
}
