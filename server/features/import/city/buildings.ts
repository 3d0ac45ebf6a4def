// Buildings and their estates in the draft city. A building's community is the one its row
// names, else the one its point lies in; a point in none is refused, on the border of two is
// said. Its estate is the 小区 its row names, else the place words of its address after the
// town and community; an estate is found again by community and name, so re-imports keep ids.
import { brings, indexPlaces, keepsCurrent, mergeInto, newId, resolve, stage, startDraft, type DraftContext } from './steps';
import { GEOMETRY_TOLERANCE_DEG } from './tables';

/** Estate names that are resettlement estates (农民集中居住区) when the register does not say. */
const CONCENTRATED_NAME = '(花苑|花园|新城|小区|家园|新村|公寓|佳苑|新苑|名苑)$';

export async function draftBuildings(c: DraftContext): Promise<void> {
  await startDraft(
    c, 'buildings',
    `o.id, o.area_id, o.group_id, o.estate_id, o.address, o.geom, o.footprint, o.households, o.population, o.party_members,
     a.community_id, NULL::text AS area_ref, NULL::text AS group_ref, NULL::text AS estate_name, NULL::boolean AS concentrated`,
    keepsCurrent(c, 'buildings'),
    'buildings o LEFT JOIN contracted_areas a ON a.region = o.region AND a.id = o.area_id',
  );
  await c.run('CREATE INDEX ON draft_buildings (address)');
  await c.run('CREATE INDEX ON draft_buildings (community_id)');
  // A community the draft no longer has leaves its current buildings to find one by place.
  await c.run('UPDATE draft_buildings b SET community_id = NULL WHERE NOT EXISTS (SELECT 1 FROM draft_communities m WHERE m.id = b.community_id)');
  if (brings(c, 'buildings')) await stageBuildings(c);
  await c.run(`
    UPDATE draft_buildings b SET community_id = (SELECT m.id FROM draft_communities m WHERE ST_Covers(m.geom, b.geom) ORDER BY m.id LIMIT 1)
    WHERE b.community_id IS NULL`);
  await indexPlaces(c, 'buildings');
  await draftEstates(c);
}

async function stageBuildings(c: DraftContext): Promise<void> {
  await stage(
    c, 'buildings', 'buildings',
    `nullif(s.v->>'code', '') AS code, s.v->>'address' AS address, nullif(s.v->>'estate', '') AS estate_name,
     (s.v->>'concentrated')::boolean AS concentrated, s.v->>'_place' AS place,
     coalesce((s.v->>'households')::int, 0) AS households, coalesce((s.v->>'population')::int, 0) AS population,
     coalesce((s.v->>'partyMembers')::int, 0) AS party_members,
     s.v->>'community' AS community_ref, s.v->>'area' AS area_ref, s.v->>'group' AS group_ref,
     s.geom, s.footprint, NULL::text AS community_id, NULL::text AS id`,
  );
  const from = 'staged_buildings';
  await resolve(c, { layer: 'buildings', from, ref: 'community_ref', out: 'community_id', target: 'draft_communities', field: 'community', quiet: true });
  // Where a community is named by a name several share, the point decides among them.
  await c.run(`
    UPDATE ${from} s SET community_id = (SELECT m.id FROM draft_communities m WHERE m.name = s.community_ref AND ST_Covers(m.geom, s.geom) ORDER BY m.id LIMIT 1)
    WHERE s.community_id IS NULL AND s.community_ref IS NOT NULL`);
  await resolve(c, { layer: 'buildings', from, ref: 'community_ref', out: 'community_id', target: 'draft_communities', field: 'community' });
  await placeProblems(c);
  await c.run(`
    UPDATE ${from} s SET id = coalesce(s.code,
      (SELECT o.id FROM buildings o WHERE o.region = :region AND o.address = s.address ORDER BY o.id LIMIT 1), ${newId('B')})`);
  // The estate: as named, else what the address says after the town and the community.
  await c.run(`
    UPDATE ${from} s SET estate_name = coalesce(s.estate_name, nullif(${afterPrefix(afterPrefix('s.place', 't.name'), 'm.name')}, ''), m.name)
    FROM draft_communities m JOIN draft_towns t ON t.id = m.town_id WHERE m.id = s.community_id`);
  await mergeInto(c, 'buildings', from, 'buildings', ['address', 'geom', 'footprint', 'households', 'population', 'party_members', 'community_id', 'area_ref', 'group_ref', 'estate_name', 'concentrated']);
  // A building the file updates and that has not moved stays in its area and group unless its row names others.
  await c.run(`
    UPDATE draft_buildings d SET area_id = CASE WHEN d.area_ref IS NULL THEN o.area_id END, group_id = CASE WHEN d.group_ref IS NULL THEN o.group_id END
    FROM buildings o WHERE o.region = :region AND o.id = d.id AND d.line IS NOT NULL AND ST_DWithin(o.geom, d.geom, ${GEOMETRY_TOLERANCE_DEG})`);
  const counted = await c.run(`SELECT count(*)::int AS n FROM ${from} WHERE households = 0 AND population = 0`);
  if (Number(counted[0]!.n) > 0) c.problems.add({ layer: 'buildings', code: 'counts_missing', severity: 'warning', params: { count: Number(counted[0]!.n) } });
}

/** Each staged building against the communities it lies in: none, two, or not the one its row names. */
async function placeProblems(c: DraftContext): Promise<void> {
  const rows = await c.run(`
    SELECT x.line, x.address, x.community_id, ST_AsGeoJSON(x.geom, 7) AS point, x.inside,
           ARRAY(SELECT m.name FROM draft_communities m WHERE m.id = ANY (x.inside) ORDER BY m.id) AS names,
           (SELECT n.name FROM draft_communities n WHERE n.id = x.community_id) AS named
    FROM (SELECT s.line, s.address, s.community_id, s.geom,
                 ARRAY(SELECT m.id FROM draft_communities m WHERE ST_Covers(m.geom, s.geom) ORDER BY m.id) AS inside
          FROM staged_buildings s WHERE s.geom IS NOT NULL) x
    WHERE cardinality(x.inside) <> 1 OR (x.community_id IS NOT NULL AND NOT x.community_id = ANY (x.inside))
    ORDER BY x.line`);
  for (const r of rows) {
    const inside = r.inside as string[];
    const names = (r.names as string[]).join('、');
    const base = { layer: 'buildings' as const, row: Number(r.line), geometry: String(r.point) };
    const address = String(r.address);
    if (r.community_id && !inside.includes(String(r.community_id))) {
      c.problems.add({ ...base, code: 'building_outside_community', params: { address, community: String(r.named), inside: names } });
    } else if (!inside.length) {
      c.problems.add({ ...base, code: 'building_in_no_community', params: { address } });
    } else if (inside.length > 1) {
      c.problems.add({ ...base, severity: 'warning', code: 'building_in_two_communities', params: { address, communities: names } });
    }
  }
}

/** SQL: `text` without `prefix` in front, when it starts with it. */
const afterPrefix = (text: string, prefix: string) => `CASE WHEN left(${text}, length(${prefix})) = ${prefix} THEN substr(${text}, length(${prefix}) + 1) ELSE ${text} END`;

async function draftEstates(c: DraftContext): Promise<void> {
  await startDraft(c, 'estates', 'o.id, o.community_id, o.name, o.concentrated', true);
  if (!brings(c, 'buildings')) return;
  await c.run(`
    CREATE TEMP TABLE wanted_estates ON COMMIT DROP AS
    SELECT community_id, estate_name AS name, bool_or(concentrated) AS concentrated
    FROM draft_buildings WHERE estate_name IS NOT NULL AND community_id IS NOT NULL GROUP BY community_id, estate_name`);
  await c.run(`
    UPDATE draft_estates d SET concentrated = w.concentrated
    FROM wanted_estates w WHERE d.community_id = w.community_id AND d.name = w.name AND w.concentrated IS NOT NULL`);
  await c.run(`
    INSERT INTO draft_estates (id, community_id, name, concentrated)
    SELECT 'E' || substr(md5(:imp || '/E/' || w.community_id || '/' || w.name), 1, 10), w.community_id, w.name,
           coalesce(w.concentrated, w.name ~ '${CONCENTRATED_NAME}')
    FROM wanted_estates w
    WHERE NOT EXISTS (SELECT 1 FROM draft_estates d WHERE d.community_id = w.community_id AND d.name = w.name)`);
  await c.run(`
    UPDATE draft_buildings b SET estate_id = d.id FROM draft_estates d
    WHERE b.estate_name IS NOT NULL AND d.community_id = b.community_id AND d.name = b.estate_name`);
  // A building that moved to another community takes an estate of that community.
  await c.run(`
    UPDATE draft_buildings b SET estate_id = NULL
    WHERE NOT EXISTS (SELECT 1 FROM draft_estates d WHERE d.id = b.estate_id AND d.community_id = b.community_id)`);
  await c.run(`
    INSERT INTO draft_estates (id, community_id, name, concentrated)
    SELECT 'E' || substr(md5(:imp || '/E/' || m.id), 1, 10), m.id, m.name, false FROM draft_communities m
    WHERE EXISTS (SELECT 1 FROM draft_buildings b WHERE b.community_id = m.id AND b.estate_id IS NULL)
      AND NOT EXISTS (SELECT 1 FROM draft_estates d WHERE d.community_id = m.id AND d.name = m.name)`);
  await c.run(`
    UPDATE draft_buildings b SET estate_id = d.id FROM draft_estates d
    WHERE b.estate_id IS NULL AND d.community_id = b.community_id AND d.name = (SELECT m.name FROM draft_communities m WHERE m.id = b.community_id)`);
  if (!keepsCurrent(c, 'buildings')) await c.run('DELETE FROM draft_estates d WHERE NOT EXISTS (SELECT 1 FROM draft_buildings b WHERE b.estate_id = d.id)');
}
