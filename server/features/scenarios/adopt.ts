// Adopting a scenario makes it the grid in one transaction: a community a group (its outline the
// union of its villages, through the write path: version 1, audited), villages and everything of
// the touched communities moved as the comparison assigned them, contracted areas of touched
// communities flagged for re-planning, communities left with some villages reshaped and those
// left with none deleted (their last version kept in history), level-2 organisations made,
// updated or removed with forms following their members. What it did is kept on the scenario,
// and `undoAdoption` reverses exactly that.
import type { Knex } from 'knex';
import type { AppContext } from '../../context';
import { HttpError, problem, RefusedError } from '../../http/errors';
import { formFor } from '../../domain/organisations';
import type { AuthUser } from '../auth/service';
import type { Within } from '../../db/write';
import { createWithin, deleteWithin, newObjectId, writeWithin } from '../writes/service';
import { ASSIGNMENT, assignmentBindings } from './assignment';
import { touchedCommunities } from './figures';
import { resolveGroups } from './members';
import { applyMoves, type Move, type MovedTable } from './moves';
import { bumpScenario, lockScenario, reachScenario, type Scenario } from './store';

type Row = Record<string, unknown>;

interface OrgRow {
  id: string;
  level: number;
  unit_id: string;
  name: string;
  form: string;
  members: number;
  secretary: string;
  volunteers: number;
  version: number;
  updated_by: string;
}

export interface Adoption {
  created: Array<{ id: string; group: string }>;
  /** Communities deleted, at the version their history keeps, with what history does not (town, kind). */
  removed: Array<{ id: string; version: number; townId: string; kind: string }>;
  /** Communities that kept some villages: the version their old outline is kept at. */
  reshaped: Array<{ id: string; version: number }>;
  moves: Move[];
  /** Areas flagged for re-planning by the adoption (they were not before). */
  flagged: string[];
  orgs: { created: string[]; removed: OrgRow[]; updated: Array<{ id: string; members: number; form: string }> };
}

const ORG_COLUMNS = 'id, level, unit_id, name, form, members, secretary, volunteers, version, updated_by';

/** Where the rows of the touched communities go: unit → community id is decided by the caller. */
async function plannedMoves(trx: Knex.Transaction, region: string, bindings: Record<string, string>, unitId: (unit: string) => string): Promise<Move[]> {
  const { rows } = await trx.raw(
    `WITH ${ASSIGNMENT}
     SELECT 'villages' AS t, id, community_id AS from_id, unit FROM vu WHERE grp IS NOT NULL
     UNION ALL SELECT 'contracted_areas', id, community_id, unit FROM au
     UNION ALL SELECT 'service_centres', id, community_id, unit FROM cu
     UNION ALL
     SELECT 'estates', e.id, e.community_id,
            coalesce((SELECT au.unit FROM buildings b JOIN au ON au.id = b.area_id WHERE b.region = e.region AND b.estate_id = e.id
                      GROUP BY au.unit ORDER BY count(*) DESC, au.unit LIMIT 1), s.unit)
     FROM estates e JOIN successor s ON s.community_id = e.community_id WHERE e.region = :region
     UNION ALL
     SELECT 'address_aliases', x.id::text, x.community_id, s.unit FROM address_aliases x JOIN successor s ON s.community_id = x.community_id
     WHERE x.region = :region AND NOT EXISTS (SELECT 1 FROM vu WHERE vu.community_id = x.community_id AND vu.grp IS NULL)
     UNION ALL
     SELECT 'pairings', x.id::text, x.community_id, s.unit FROM pairings x JOIN successor s ON s.community_id = x.community_id
     WHERE x.region = :region AND NOT EXISTS (SELECT 1 FROM vu WHERE vu.community_id = x.community_id AND vu.grp IS NULL)`,
    { ...bindings, region },
  );
  return (rows as Row[])
    .map((r) => ({ table: r.t as MovedTable, id: String(r.id), from: String(r.from_id), to: unitId(String(r.unit)) }))
    .filter((m) => m.from !== m.to);
}

async function currentVersion(trx: Knex.Transaction, region: string, id: string): Promise<number> {
  const row = await trx('communities').where({ region, id }).first('version');
  if (!row) throw new HttpError(409, 'community_gone', { id });
  return Number(row.version);
}

/** Members of each community's buildings, through its areas, as the stats count them. */
async function membersOf(trx: Knex.Transaction, region: string, ids: string[]): Promise<Map<string, number>> {
  const { rows } = await trx.raw(
    `SELECT a.community_id AS id, coalesce(sum(b.party_members), 0)::int AS members
     FROM contracted_areas a LEFT JOIN buildings b ON b.region = a.region AND b.area_id = a.id
     WHERE a.region = :region AND a.community_id = ANY(:ids) GROUP BY a.community_id`,
    { region, ids },
  );
  return new Map((rows as Row[]).map((r) => [String(r.id), Number(r.members)]));
}

export async function adoptScenario(ctx: AppContext, user: AuthUser, id: string, version: number): Promise<Scenario> {
  const { region } = ctx;
  await reachScenario(ctx, user, id, true);
  return ctx.db.write(async (trx, touch) => {
    const within: Within = { trx, touch };
    const scenario = await lockScenario(ctx, within, user, id, version);
    if (!scenario.groups.length) throw new RefusedError([problem({ code: 'scenario_no_groups', ids: [id] })]);
    const groups = await resolveGroups(trx, region, scenario.townIds, scenario.groups);
    const bindings = assignmentBindings(region, groups);
    const communities = await touchedCommunities(trx, region, groups);
    await trx.raw('SELECT id FROM communities WHERE region = :region AND id = ANY(:ids) FOR UPDATE', { region, ids: communities.map((c) => c.id) });

    const adoption: Adoption = { created: [], removed: [], reshaped: [], moves: [], flagged: [], orgs: { created: [], removed: [], updated: [] } };
    const newId = new Map<string, string>();
    for (const g of groups) {
      const unit = `g:${g.key}`;
      const main = [...communities].sort((a, b) => (b.landTo[unit] ?? 0) - (a.landTo[unit] ?? 0) || a.id.localeCompare(b.id))[0]!;
      const cid = await newObjectId(ctx, within, 'community', 'C-');
      await createWithin(ctx, within, user, {
        type: 'community',
        id: cid,
        attributes: { name: g.name, nameEn: g.nameEn },
        parent: { town_id: main.townId, kind: main.kind },
        geometry: { sql: '(SELECT ST_Union(geom) FROM villages WHERE region = ? AND id = ANY(?))', bindings: [region, g.members] },
        note: { scenario: id },
      });
      newId.set(unit, cid);
      adoption.created.push({ id: cid, group: g.key });
    }

    adoption.moves = await plannedMoves(trx, region, bindings, (unit) => newId.get(unit) ?? unit.slice(2));
    await applyMoves(region, within, user.username, adoption.moves);
    const { rows: flagged } = await trx.raw(
      `UPDATE contracted_areas SET needs_replan = true
       WHERE region = :region AND needs_replan = false AND community_id = ANY(:ids) RETURNING id`,
      { region, ids: [...communities.map((c) => c.id), ...newId.values()] },
    );
    adoption.flagged = (flagged as Row[]).map((r) => String(r.id));
    for (const a of adoption.flagged) touch('contracted_areas', { region, id: a });

    const kept = communities.filter((c) => c.keeps > 0);
    const gone = communities.filter((c) => c.keeps === 0);
    for (const c of kept) {
      const v = await currentVersion(trx, region, c.id);
      await writeWithin(ctx, within, user, {
        type: 'community',
        id: c.id,
        version: v,
        attributes: {},
        geometry: { sql: '(SELECT ST_Union(geom) FROM villages WHERE region = ? AND community_id = ?)', bindings: [region, c.id] },
        note: { scenario: id },
      });
      adoption.reshaped.push({ id: c.id, version: v });
    }

    const members = await membersOf(trx, region, [...kept.map((c) => c.id), ...newId.values()]);
    const { rows: removedOrgs } = await trx.raw(`DELETE FROM party_orgs WHERE region = :region AND level = 2 AND unit_id = ANY(:ids) RETURNING ${ORG_COLUMNS}`, {
      region,
      ids: gone.map((c) => c.id),
    });
    adoption.orgs.removed = removedOrgs as OrgRow[];
    for (const o of adoption.orgs.removed) touch('party_orgs', { region, id: o.id });
    for (const c of kept.filter((k) => k.orgForm !== null)) {
      const m = members.get(c.id) ?? 0;
      const { rows } = await trx.raw(
        `UPDATE party_orgs o SET members = :m, form = :form, version = o.version + 1, updated_at = now(), updated_by = :actor
         FROM party_orgs old WHERE o.region = :region AND o.level = 2 AND o.unit_id = :unit AND old.region = o.region AND old.id = o.id
         RETURNING o.id, old.members, old.form`,
        { region, m, form: formFor(m), actor: user.username, unit: c.id },
      );
      for (const r of rows as Row[]) {
        adoption.orgs.updated.push({ id: String(r.id), members: Number(r.members), form: String(r.form) });
        touch('party_orgs', { region, id: String(r.id) });
      }
    }
    for (const g of groups) {
      const cid = newId.get(`g:${g.key}`)!;
      const m = members.get(cid) ?? 0;
      const form = formFor(m);
      const orgId = `P2-${cid}`;
      // The secretary is the party's choice: left blank until it is made.
      await trx('party_orgs').insert({ region, id: orgId, level: 2, unit_id: cid, name: `${g.name}${form}`, form, members: m, secretary: '', updated_by: user.username });
      touch('party_orgs', { region, id: orgId });
      adoption.orgs.created.push(orgId);
    }

    for (const c of gone) {
      const before = await deleteWithin(ctx, within, user, { type: 'community', id: c.id, version: await currentVersion(trx, region, c.id) });
      adoption.removed.push({ id: c.id, version: before.version, townId: c.townId, kind: c.kind });
    }
    return bumpScenario(ctx, within, user, scenario, { status: 'adopted', adopted_at: trx.fn.now(), adoption: JSON.stringify(adoption) }, 'adopt', {
      created: adoption.created.map((c) => c.id),
      removed: adoption.removed.map((c) => c.id),
      reshaped: adoption.reshaped.map((c) => c.id),
      flagged: adoption.flagged.length,
    });
  });
}

/**
 * Puts the grid back as it was before the adoption: deleted communities come back from their
 * last version in history (at the next version), reshaped ones get their old outline restored,
 * rows move back, flags and organisations are as they were, and the new communities are deleted
 * (their history kept). A row changed since the adoption in a way that conflicts → 409, nothing undone.
 */
export async function undoAdoption(ctx: AppContext, user: AuthUser, id: string, version: number): Promise<Scenario> {
  const { region } = ctx;
  await reachScenario(ctx, user, id, true);
  return ctx.db.write(async (trx, touch) => {
    const within: Within = { trx, touch };
    const scenario = await lockScenario(ctx, within, user, id, version, 'adopted');
    const { adoption: raw } = await trx('scenarios').where({ region, id }).first('adoption');
    const adoption = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Adoption;

    for (const c of adoption.removed) {
      const { rows } = await trx.raw(
        `INSERT INTO communities (region, id, town_id, name, name_en, kind, geom, version, updated_by)
         SELECT region, object_id, :town, attributes->>'name', attributes->>'nameEn', :kind, ST_Multi(geom), version + 1, :actor
         FROM object_versions WHERE region = :region AND object_type = 'community' AND object_id = :id AND version = :version AND replaced_by = 'delete'
         RETURNING id`,
        { region, id: c.id, version: c.version, town: c.townId, kind: c.kind, actor: user.username },
      );
      if (!rows.length) throw new HttpError(409, 'community_no_deleted_version', { id: c.id, version: c.version });
      touch('communities', { region, id: c.id });
    }
    await applyMoves(region, within, user.username, adoption.moves, true);
    if (adoption.flagged.length) {
      await trx('contracted_areas').where({ region }).whereIn('id', adoption.flagged).update({ needs_replan: false });
      for (const a of adoption.flagged) touch('contracted_areas', { region, id: a });
    }
    for (const c of adoption.reshaped) {
      const { rows } = await trx.raw(`SELECT 1 FROM object_versions WHERE region = ? AND object_type = 'community' AND object_id = ? AND version = ?`, [region, c.id, c.version]);
      if (!rows.length) throw new HttpError(409, 'community_no_version', { id: c.id, version: c.version });
      await writeWithin(ctx, within, user, {
        type: 'community',
        id: c.id,
        version: await currentVersion(trx, region, c.id),
        attributes: {},
        restoredFrom: c.version,
        geometry: { sql: `(SELECT geom FROM object_versions WHERE region = ? AND object_type = 'community' AND object_id = ? AND version = ?)`, bindings: [region, c.id, c.version] },
        note: { scenario: id },
      });
    }

    const orgIds = [...adoption.orgs.created, ...adoption.orgs.removed.map((o) => o.id)];
    await trx('party_orgs').where({ region }).whereIn('id', adoption.orgs.created).delete();
    if (adoption.orgs.removed.length) await trx('party_orgs').insert(adoption.orgs.removed.map((o) => ({ ...o, region, version: o.version + 1, updated_by: user.username })));
    for (const o of adoption.orgs.updated) {
      await trx('party_orgs').where({ region, id: o.id }).update({ members: o.members, form: o.form, version: trx.raw('version + 1'), updated_at: trx.fn.now(), updated_by: user.username });
      orgIds.push(o.id);
    }
    for (const o of orgIds) touch('party_orgs', { region, id: o });

    for (const c of adoption.created) {
      try {
        await deleteWithin(ctx, within, user, { type: 'community', id: c.id, version: await currentVersion(trx, region, c.id) });
      } catch (err) {
        // Something made in the new community since (an area, a centre) would be orphaned.
        if ((err as { code?: string }).code === '23503') throw new HttpError(409, 'community_holds_new_objects', { id: c.id });
        throw err;
      }
    }
    return bumpScenario(ctx, within, user, scenario, { status: 'draft', adopted_at: null, adoption: null }, 'undo_adopt', {
      restored: adoption.removed.map((c) => c.id),
      removed: adoption.created.map((c) => c.id),
    });
  });
}
