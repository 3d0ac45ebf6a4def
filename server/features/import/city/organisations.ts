// Party organisations in the draft city. A roster row names the unit it leads (a town, a
// community, an area or a group) by code or name — or by its own name, "沿江社区党委" for 沿江社区 —
// and that unit's level is the organisation's. Organisations of units the draft no longer has
// go with them. Areas' and groups' organisations follow their buildings, as they do after every
// plan (organisations/follow.ts): made where missing, members counted, an area's form by the
// rule — unless the roster lists them: the party's own count is kept then. A roster's form
// that its members do not fit is a warning.
import { formForSql } from '../../organisations/form-sql';
import { brings, keepsCurrent, mergeInto, stage, startDraft, type DraftContext } from './steps';

const FORM_WORDS = '(党委|党工委|党总支|党支部|党小组|总支|支部)$';

export async function draftOrganisations(c: DraftContext): Promise<void> {
  await startDraft(c, 'party_orgs', 'o.id, o.level, o.unit_id, o.name, o.form, o.members, o.secretary, o.volunteers', keepsCurrent(c, 'organisations'));
  await c.run(`
    CREATE TEMP TABLE draft_units ON COMMIT DROP AS
    SELECT 1 AS level, id, name FROM draft_towns
    UNION ALL SELECT 2, id, name FROM draft_communities
    UNION ALL SELECT 3, a.id, m.name || a.name FROM draft_contracted_areas a JOIN draft_communities m ON m.id = a.community_id
    UNION ALL SELECT 3, id, name FROM draft_contracted_areas
    UNION ALL SELECT 4, g.id, m.name || g.name FROM draft_party_groups g JOIN draft_contracted_areas a ON a.id = g.area_id JOIN draft_communities m ON m.id = a.community_id`);
  if (brings(c, 'organisations')) await stageOrganisations(c);
  await c.run('DELETE FROM draft_party_orgs o WHERE NOT EXISTS (SELECT 1 FROM draft_units u WHERE u.level = o.level AND u.id = o.unit_id)');
  await followBuildings(c);
}

async function stageOrganisations(c: DraftContext): Promise<void> {
  await stage(
    c, 'organisations', 'orgs',
    `nullif(s.v->>'code', '') AS code, s.v->>'name' AS name, s.v->>'form' AS form, coalesce((s.v->>'members')::int, 0) AS members,
     coalesce(s.v->>'secretary', '') AS secretary, coalesce((s.v->>'volunteers')::int, 0) AS volunteers,
     s.v->>'unit' AS unit_ref, NULL::int AS level, NULL::text AS unit_id, NULL::text AS id`,
  );
  for (const match of ['u.id = s.unit_ref', 'u.name = s.unit_ref', `u.name = regexp_replace(s.unit_ref, '${FORM_WORDS}', '')`, `u.name = regexp_replace(s.name, '${FORM_WORDS}', '')`]) {
    await c.run(`
      UPDATE staged_orgs s SET unit_id = m.id, level = m.level
      FROM (SELECT s.line, min(u.id) AS id, min(u.level) AS level, count(DISTINCT (u.level, u.id)) AS n FROM staged_orgs s JOIN draft_units u ON ${match}
            WHERE s.unit_id IS NULL GROUP BY s.line) m
      WHERE m.line = s.line AND m.n = 1`);
  }
  const unresolved = await c.run(`
    SELECT s.line, s.unit_ref, (SELECT count(DISTINCT (u.level, u.id)) FROM draft_units u WHERE u.name = s.unit_ref)::int AS n
    FROM staged_orgs s WHERE s.unit_id IS NULL ORDER BY s.line`);
  for (const u of unresolved) {
    c.problems.add({ layer: 'organisations', row: Number(u.line), code: Number(u.n) > 1 ? 'ambiguous_reference' : 'unresolved_reference', params: { field: 'unit', value: String(u.unit_ref ?? ''), count: Number(u.n) } });
  }
  await c.run('DELETE FROM staged_orgs WHERE unit_id IS NULL');
  await c.run(`
    UPDATE staged_orgs s SET id = coalesce(s.code,
      (SELECT o.id FROM party_orgs o WHERE o.region = :region AND o.level = s.level AND o.unit_id = s.unit_id ORDER BY o.id LIMIT 1),
      'P' || s.level || '-' || s.unit_id)`);
  const counted = await c.run(`
    SELECT s.line, s.name, s.form, s.members FROM staged_orgs s
    WHERE s.level <= 3 AND s.form <> ${formForSql('s.members')} ORDER BY s.line`);
  for (const f of counted) {
    c.problems.add({ layer: 'organisations', row: Number(f.line), severity: 'warning', code: 'form_rule', params: { name: String(f.name), form: String(f.form), members: Number(f.members) } });
  }
  await mergeInto(c, 'organisations', 'staged_orgs', 'party_orgs', ['level', 'unit_id', 'name', 'form', 'members', 'secretary', 'volunteers']);
}

async function followBuildings(c: DraftContext): Promise<void> {
  await c.run(`
    CREATE TEMP TABLE unit_members ON COMMIT DROP AS
    SELECT 3 AS level, a.id AS unit, m.name || a.name AS name, coalesce(sum(b.party_members), 0)::int AS members
      FROM draft_contracted_areas a JOIN draft_communities m ON m.id = a.community_id LEFT JOIN draft_buildings b ON b.area_id = a.id
      GROUP BY a.id, a.name, m.name
    UNION ALL
    SELECT 4, g.id, m.name || g.name, coalesce(sum(b.party_members), 0)::int
      FROM draft_party_groups g JOIN draft_contracted_areas a ON a.id = g.area_id JOIN draft_communities m ON m.id = a.community_id
      LEFT JOIN draft_buildings b ON b.group_id = g.id
      GROUP BY g.id, g.name, m.name`);
  const form = `CASE WHEN u.level = 3 THEN ${formForSql('u.members')} ELSE '党小组' END`;
  await c.run(`
    INSERT INTO draft_party_orgs (id, level, unit_id, name, form, members, secretary, volunteers)
    SELECT 'P' || u.level || '-' || u.unit, u.level, u.unit, CASE WHEN u.level = 3 THEN u.name || ${form} ELSE u.name END, ${form}, u.members, '', 0
    FROM unit_members u
    WHERE NOT EXISTS (SELECT 1 FROM draft_party_orgs o WHERE o.level = u.level AND o.unit_id = u.unit)`);
  // The form word at the end of the name follows the form (某片区党支部 → 某片区党总支).
  await c.run(`
    UPDATE draft_party_orgs o SET members = u.members, form = f.form,
      name = CASE WHEN right(o.name, length(o.form)) = o.form THEN left(o.name, length(o.name) - length(o.form)) || f.form ELSE o.name END
    FROM unit_members u, LATERAL (SELECT ${form} AS form) f
    WHERE u.level = o.level AND u.unit = o.unit_id AND o.line IS NULL AND (o.members <> u.members OR o.form <> f.form)`);
}
