// Towns, communities and villages in the draft city, and the village → community table. A unit's
// id is its code (行政区代码); without one, the current unit of that name in the same parent keeps
// its id, else a new one is made. A village's community comes from its own row, else the table,
// else the community that holds most of its land.
import { GRID } from '../../../db/overlay';
import { brings, keepsCurrent, mergeInto, newId, resolve, stage, startDraft, type DraftContext } from './steps';

const POLYGONS = 'ST_Multi(s.geom)';

export async function draftTowns(c: DraftContext): Promise<void> {
  await startDraft(c, 'towns', 'o.id, o.name, o.name_en, o.kind, o.geom', keepsCurrent(c, 'towns'));
  await c.run('CREATE INDEX ON draft_towns (name)');
  if (!brings(c, 'towns')) return;
  await stage(c, 'towns', 'towns', `nullif(s.v->>'code', '') AS code, s.v->>'name' AS name, s.v->>'nameEn' AS name_en, s.v->>'kind' AS kind, ${POLYGONS} AS geom, NULL::text AS id`);
  await c.run(`
    UPDATE staged_towns s SET id = coalesce(s.code, (SELECT t.id FROM towns t WHERE t.region = :region AND t.name = s.name ORDER BY t.id LIMIT 1), ${newId('T')}),
      kind = coalesce(s.kind, CASE WHEN s.name LIKE '%街道' OR s.name LIKE '%街道办事处' THEN 'street' ELSE 'town' END)`);
  await mergeInto(c, 'towns', 'staged_towns', 'towns', ['name', 'name_en', 'kind', 'geom']);
}

export async function draftCommunities(c: DraftContext): Promise<void> {
  await startDraft(c, 'communities', 'o.id, o.town_id, o.name, o.name_en, o.kind, o.geom', keepsCurrent(c, 'communities'));
  await c.run('CREATE INDEX ON draft_communities (name)');
  if (!brings(c, 'communities')) return;
  await stage(
    c, 'communities', 'communities',
    `nullif(s.v->>'code', '') AS code, s.v->>'name' AS name, s.v->>'nameEn' AS name_en, s.v->>'kind' AS kind, ${POLYGONS} AS geom,
     s.v->>'town' AS town_ref, NULL::text AS town_id, NULL::text AS id`,
  );
  await resolve(c, { layer: 'communities', from: 'staged_communities', ref: 'town_ref', out: 'town_id', target: 'draft_towns', field: 'town' });
  await c.run(`
    UPDATE staged_communities s SET id = coalesce(s.code,
      (SELECT o.id FROM communities o WHERE o.region = :region AND o.town_id = s.town_id AND o.name = s.name ORDER BY o.id LIMIT 1), ${newId('C')})`);
  await mergeInto(c, 'communities', 'staged_communities', 'communities', ['town_id', 'name', 'name_en', 'kind', 'geom']);
}

export async function draftVillages(c: DraftContext): Promise<void> {
  await startDraft(c, 'villages', 'o.id, o.town_id, o.community_id, o.name, o.name_en, o.geom', keepsCurrent(c, 'villages'));
  await c.run('CREATE INDEX ON draft_villages (name)');
  if (brings(c, 'villages')) {
    await stage(
      c, 'villages', 'villages',
      `nullif(s.v->>'code', '') AS code, s.v->>'name' AS name, s.v->>'nameEn' AS name_en, ${POLYGONS} AS geom,
       s.v->>'town' AS town_ref, NULL::text AS town_id, s.v->>'community' AS community_ref, NULL::text AS community_id, NULL::text AS id`,
    );
    await resolve(c, { layer: 'villages', from: 'staged_villages', ref: 'town_ref', out: 'town_id', target: 'draft_towns', field: 'town' });
    // A community is first looked for in the village's own town: seat communities reuse names.
    await resolve(c, { layer: 'villages', from: 'staged_villages', ref: 'community_ref', out: 'community_id', target: 'draft_communities', field: 'community', scope: 't.town_id = s.town_id', quiet: true });
    await resolve(c, { layer: 'villages', from: 'staged_villages', ref: 'community_ref', out: 'community_id', target: 'draft_communities', field: 'community' });
    await c.run(`
      UPDATE staged_villages s SET id = coalesce(s.code,
        (SELECT o.id FROM villages o WHERE o.region = :region AND o.town_id = s.town_id AND o.name = s.name ORDER BY o.id LIMIT 1), ${newId('V')})`);
    await mergeInto(c, 'villages', 'staged_villages', 'villages', ['town_id', 'community_id', 'name', 'name_en', 'geom']);
  }
  if (brings(c, 'village-communities')) await applyVillageTable(c);
  // A village whose community was not named, or whose community is gone: the one holding most of its land.
  await c.run(`
    UPDATE draft_villages v SET community_id = (
      SELECT m.id FROM draft_communities m WHERE m.geom && v.geom AND m.town_id = v.town_id
      ORDER BY ST_Area(ST_Intersection(m.geom, v.geom, ${GRID})) DESC LIMIT 1)
    WHERE v.community_id IS NULL OR NOT EXISTS (SELECT 1 FROM draft_communities m WHERE m.id = v.community_id)`);
}

async function applyVillageTable(c: DraftContext): Promise<void> {
  await stage(
    c, 'village-communities', 'village_table',
    `s.v->>'village' AS village_ref, NULL::text AS village_id, s.v->>'town' AS town_ref, NULL::text AS town_id,
     s.v->>'community' AS community_ref, NULL::text AS community_id`,
  );
  const from = 'staged_village_table';
  await resolve(c, { layer: 'village-communities', from, ref: 'town_ref', out: 'town_id', target: 'draft_towns', field: 'town' });
  await resolve(c, { layer: 'village-communities', from, ref: 'village_ref', out: 'village_id', target: 'draft_villages', field: 'village', scope: '(s.town_id IS NULL OR t.town_id = s.town_id)' });
  await resolve(c, { layer: 'village-communities', from, ref: 'community_ref', out: 'community_id', target: 'draft_communities', field: 'community', scope: '(s.town_id IS NULL OR t.town_id = s.town_id)' });
  const twice = await c.run(`
    SELECT s.line, s.village_ref, f.first FROM ${from} s JOIN (SELECT village_id, min(line) AS first FROM ${from} WHERE village_id IS NOT NULL GROUP BY village_id) f
      ON f.village_id = s.village_id AND f.first < s.line ORDER BY s.line`);
  for (const t of twice) c.problems.add({ layer: 'village-communities', row: Number(t.line), code: 'duplicate_code', params: { key: String(t.village_ref), first: Number(t.first) } });
  await c.run(`
    UPDATE draft_villages v SET community_id = s.community_id
    FROM (SELECT DISTINCT ON (village_id) village_id, community_id FROM ${from} WHERE village_id IS NOT NULL AND community_id IS NOT NULL ORDER BY village_id, line) s
    WHERE v.id = s.village_id`);
}
