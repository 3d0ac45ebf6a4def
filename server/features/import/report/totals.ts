// Totals per town of the draft city, for the report: what the county can hold against its own
// statistics before it commits (communities, villages, areas, buildings, households, people,
// party members, centres, organisations).
import type { Run } from '../city/run';
import type { TownTotals } from '../types';

export async function townTotals(run: Run): Promise<TownTotals[]> {
  const rows = await run(`
    WITH b AS (
      SELECT m.town_id, count(*)::int AS buildings, sum(b.households)::int AS households, sum(b.population)::int AS population, sum(b.party_members)::int AS party_members
      FROM draft_buildings b JOIN draft_communities m ON m.id = b.community_id GROUP BY m.town_id)
    SELECT t.id, t.name,
      (SELECT count(*) FROM draft_communities m WHERE m.town_id = t.id)::int AS communities,
      (SELECT count(*) FROM draft_villages v WHERE v.town_id = t.id)::int AS villages,
      (SELECT count(*) FROM draft_contracted_areas a JOIN draft_communities m ON m.id = a.community_id WHERE m.town_id = t.id)::int AS areas,
      coalesce(b.buildings, 0) AS buildings, coalesce(b.households, 0) AS households, coalesce(b.population, 0) AS population,
      coalesce(b.party_members, 0) AS party_members,
      (SELECT count(*) FROM draft_service_centres s JOIN draft_communities m ON m.id = s.community_id WHERE m.town_id = t.id)::int AS centres,
      (SELECT count(*) FROM draft_party_orgs o WHERE (o.level = 1 AND o.unit_id = t.id)
         OR (o.level = 2 AND o.unit_id IN (SELECT id FROM draft_communities m WHERE m.town_id = t.id)))::int AS organisations
    FROM draft_towns t LEFT JOIN b ON b.town_id = t.id ORDER BY t.id`);
  return rows.map((r) => ({
    id: String(r.id), name: String(r.name), communities: Number(r.communities), villages: Number(r.villages), areas: Number(r.areas),
    buildings: Number(r.buildings), households: Number(r.households), population: Number(r.population), partyMembers: Number(r.party_members),
    centres: Number(r.centres), organisations: Number(r.organisations),
  }));
}
