// Service centres, pairings and old village names in the draft city. A centre is placed by its
// coordinates or, failing those, at the building its address names (matched before the check,
// stage.ts); its community is the one it names, else the one it stands in; a radius left
// blank is its kind's usual one, said in the report. Pairings and old names have no codes:
// they are found again by what they say (organisation and community; community and name).
import { CENTRE_KINDS, DEFAULT_RADIUS_M } from '../../../domain/kinds';
import { brings, keepsCurrent, mergeInto, newId, resolve, stage, startDraft, type DraftContext } from './steps';

const radiusByKind = `CASE s.kind ${CENTRE_KINDS.map((k) => `WHEN '${k}' THEN ${DEFAULT_RADIUS_M[k]}`).join(' ')} END`;

export async function draftCentres(c: DraftContext): Promise<void> {
  await startDraft(c, 'service_centres', 'o.id, o.community_id, o.kind, o.name, o.geom, o.floor_area, o.radius_m, o.hours, o.service_items', keepsCurrent(c, 'centres'));
  await c.run('DELETE FROM draft_service_centres s WHERE NOT EXISTS (SELECT 1 FROM draft_communities m WHERE m.id = s.community_id)');
  if (!brings(c, 'centres')) return;
  await stage(
    c, 'centres', 'centres',
    `nullif(s.v->>'code', '') AS code, s.v->>'name' AS name, s.v->>'kind' AS kind, s.geom,
     (s.v->>'floorArea')::numeric AS floor_area, (s.v->>'radius')::numeric AS radius_m, coalesce(s.v->>'hours', '') AS hours,
     coalesce((s.v->>'serviceItems')::int, 0) AS service_items,
     s.v->>'community' AS community_ref, NULL::text AS community_id, NULL::text AS id`,
  );
  const from = 'staged_centres';
  const unplaced = await c.run(`SELECT line, name FROM ${from} WHERE geom IS NULL ORDER BY line`);
  for (const u of unplaced) c.problems.add({ layer: 'centres', row: Number(u.line), code: 'centre_without_place', params: { name: String(u.name) } });
  await c.run(`DELETE FROM ${from} WHERE geom IS NULL`);
  await resolve(c, { layer: 'centres', from, ref: 'community_ref', out: 'community_id', target: 'draft_communities', field: 'community', quiet: true });
  await c.run(`
    UPDATE ${from} s SET community_id = (SELECT m.id FROM draft_communities m WHERE ST_Covers(m.geom, s.geom) AND (s.community_ref IS NULL OR m.name = s.community_ref) ORDER BY m.id LIMIT 1)
    WHERE s.community_id IS NULL`);
  const lost = await c.run(`SELECT line, name, community_ref, ST_AsGeoJSON(geom, 7) AS point FROM ${from} WHERE community_id IS NULL ORDER BY line`);
  for (const l of lost) {
    c.problems.add({
      layer: 'centres', row: Number(l.line), geometry: String(l.point),
      ...(l.community_ref ? { code: 'unresolved_reference', params: { field: 'community', value: String(l.community_ref), count: 0 } } : { code: 'centre_in_no_community', params: { name: String(l.name) } }),
    });
  }
  const defaulted = await c.run(`SELECT count(*)::int AS n FROM ${from} WHERE radius_m IS NULL`);
  if (Number(defaulted[0]!.n)) c.problems.add({ layer: 'centres', severity: 'warning', code: 'centre_default_radius', params: { count: Number(defaulted[0]!.n) } });
  await c.run(`UPDATE ${from} s SET radius_m = ${radiusByKind} WHERE s.radius_m IS NULL`);
  await c.run(`
    UPDATE ${from} s SET id = coalesce(s.code,
      (SELECT o.id FROM service_centres o WHERE o.region = :region AND o.community_id = s.community_id AND o.name = s.name ORDER BY o.id LIMIT 1), ${newId('S')})`);
  await mergeInto(c, 'centres', from, 'service_centres', ['community_id', 'kind', 'name', 'geom', 'floor_area', 'radius_m', 'hours', 'service_items']);
}

/** Rows without codes: the current row with the same `key` keeps its id; a new one gets its id when written. */
async function keyedBy(c: DraftContext, layer: 'pairings' | 'aliases', from: string, table: string, key: string[]): Promise<void> {
  const same = key.map((k) => `o.${k} = s.${k}`).join(' AND ');
  await c.run(`UPDATE ${from} s SET id = (SELECT o.id::text FROM ${table} o WHERE o.region = :region AND ${same} ORDER BY o.id LIMIT 1)`);
  const twice = await c.run(`
    SELECT s.line, f.first FROM ${from} s JOIN (SELECT ${key.join(', ')}, min(line) AS first FROM ${from} GROUP BY ${key.join(', ')}) f
      ON ${key.map((k) => `f.${k} = s.${k}`).join(' AND ')} AND f.first < s.line ORDER BY s.line`);
  for (const t of twice) c.problems.add({ layer, row: Number(t.line), code: 'duplicate_row', params: { first: Number(t.first) } });
  await c.run(`DELETE FROM ${from} s USING ${from} f WHERE ${key.map((k) => `f.${k} = s.${k}`).join(' AND ')} AND f.line < s.line`);
  // A kept current row the file repeats is the file's row now.
  await c.run(`DELETE FROM draft_${table} d USING ${from} s WHERE ${key.map((k) => `d.${k} = s.${k}`).join(' AND ')}`);
}

export async function draftPairings(c: DraftContext): Promise<void> {
  await startDraft(c, 'pairings', 'o.id::text AS id, o.org_name, o.org_kind, o.community_id, o.source_geom', keepsCurrent(c, 'pairings'));
  await c.run('DELETE FROM draft_pairings p WHERE NOT EXISTS (SELECT 1 FROM draft_communities m WHERE m.id = p.community_id)');
  if (!brings(c, 'pairings')) return;
  await stage(c, 'pairings', 'pairings', `s.v->>'orgName' AS org_name, s.v->>'orgKind' AS org_kind, s.geom AS source_geom, s.v->>'community' AS community_ref, NULL::text AS community_id, NULL::text AS id`);
  await resolve(c, { layer: 'pairings', from: 'staged_pairings', ref: 'community_ref', out: 'community_id', target: 'draft_communities', field: 'community' });
  await c.run('DELETE FROM staged_pairings WHERE community_id IS NULL');
  await keyedBy(c, 'pairings', 'staged_pairings', 'pairings', ['org_name', 'community_id']);
  await mergeInto(c, 'pairings', 'staged_pairings', 'pairings', ['org_name', 'org_kind', 'community_id', 'source_geom']);
}

export async function draftAliases(c: DraftContext): Promise<void> {
  await startDraft(c, 'address_aliases', 'o.id::text AS id, o.community_id, o.alias', keepsCurrent(c, 'aliases'));
  await c.run('DELETE FROM draft_address_aliases a WHERE NOT EXISTS (SELECT 1 FROM draft_communities m WHERE m.id = a.community_id)');
  if (brings(c, 'aliases')) {
    await stage(c, 'aliases', 'aliases', `s.v->>'alias' AS alias, s.v->>'community' AS community_ref, NULL::text AS community_id, NULL::text AS id`);
    await resolve(c, { layer: 'aliases', from: 'staged_aliases', ref: 'community_ref', out: 'community_id', target: 'draft_communities', field: 'community' });
    await c.run('DELETE FROM staged_aliases WHERE community_id IS NULL');
    await keyedBy(c, 'aliases', 'staged_aliases', 'address_aliases', ['community_id', 'alias']);
    await mergeInto(c, 'aliases', 'staged_aliases', 'address_aliases', ['community_id', 'alias']);
  } else if (brings(c, 'villages') || brings(c, 'village-communities')) {
    // Residents keep naming their old village: a village's name finds the community it went into.
    await c.run(`
      INSERT INTO draft_address_aliases (id, community_id, alias)
      SELECT DISTINCT NULL::text, v.community_id, v.name FROM draft_villages v
      WHERE v.community_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM draft_address_aliases a WHERE a.community_id = v.community_id AND a.alias = v.name)`);
  }
}
