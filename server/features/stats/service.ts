// The seed report's indicators, each one counted from the tables (never stored), so an adopted
// merger or a new centre changes them.
import type { AppContext } from '../../context';

type FormCounts = Record<'党委' | '党总支' | '党支部', number>;

export interface Stats {
  villagesBefore: number;
  communities: { rural: number; villageResidence: number; township: number; urban: number };
  partyOrgs: { village: FormCounts; community: FormCounts };
  serviceCenters: { village: { count: number; large: number }; community: { count: number; large: number } };
  concentratedResidenceRate: number;
  volunteers: number;
  towns: number;
  contractedAreas: number;
  partyGroups: number;
  buildings: number;
  households: number;
  population: number;
  partyMembers: number;
}

const RURAL = `('rural', 'village_residence')`;
const URBAN = `('township', 'urban')`;
/** Floor area from which the report calls a centre large. */
export const LARGE_CENTRE_M2 = 1000;

export async function computeStats({ db, region }: AppContext): Promise<Stats> {
  const k = db.knex;
  const n = (v: unknown) => Number(v ?? 0);

  const [units, orgs, centres, residents] = await Promise.all([
    k.raw(
      `SELECT (SELECT count(*) FROM villages WHERE region = :region) AS villages,
              (SELECT count(*) FROM towns WHERE region = :region) AS towns,
              (SELECT count(*) FROM contracted_areas WHERE region = :region) AS areas,
              (SELECT count(*) FROM party_groups WHERE region = :region) AS groups,
              count(*) FILTER (WHERE kind IN ${RURAL}) AS rural,
              count(*) FILTER (WHERE kind = 'village_residence') AS village_residence,
              count(*) FILTER (WHERE kind = 'township') AS township,
              count(*) FILTER (WHERE kind IN ${URBAN}) AS urban
       FROM communities WHERE region = :region`,
      { region },
    ),
    k.raw(
      `SELECT CASE WHEN c.kind IN ${RURAL} THEN 'village' ELSE 'community' END AS side, o.form, count(*) AS n,
              sum(o.volunteers) AS volunteers
       FROM party_orgs o JOIN communities c ON c.region = o.region AND c.id = o.unit_id
       WHERE o.region = :region AND o.level = 2
       GROUP BY 1, 2`,
      { region },
    ),
    k.raw(
      `SELECT CASE WHEN c.kind IN ${RURAL} THEN 'village' ELSE 'community' END AS side,
              count(*) AS n, count(*) FILTER (WHERE s.floor_area >= :large) AS large
       FROM service_centres s JOIN communities c ON c.region = s.region AND c.id = s.community_id
       WHERE s.region = :region AND s.kind = 'party_service'
       GROUP BY 1`,
      { region, large: LARGE_CENTRE_M2 },
    ),
    k.raw(
      `SELECT count(*) AS buildings, sum(b.households) AS households, sum(b.population) AS population,
              sum(b.party_members) AS party_members,
              sum(b.population) FILTER (WHERE e.concentrated) AS concentrated,
              (SELECT sum(volunteers) FROM party_orgs WHERE region = :region) AS volunteers
       FROM buildings b JOIN estates e ON e.region = b.region AND e.id = b.estate_id
       WHERE b.region = :region`,
      { region },
    ),
  ]);

  const u = units.rows[0];
  const forms = (side: string): FormCounts => {
    const count = (form: string) => n(orgs.rows.find((r: { side: string; form: string }) => r.side === side && r.form === form)?.n);
    return { 党委: count('党委'), 党总支: count('党总支'), 党支部: count('党支部') };
  };
  const centresOf = (side: string) => {
    const row = centres.rows.find((r: { side: string }) => r.side === side);
    return { count: n(row?.n), large: n(row?.large) };
  };
  const r = residents.rows[0];
  const population = n(r.population);
  return {
    villagesBefore: n(u.villages),
    communities: { rural: n(u.rural), villageResidence: n(u.village_residence), township: n(u.township), urban: n(u.urban) },
    partyOrgs: { village: forms('village'), community: forms('community') },
    serviceCenters: { village: centresOf('village'), community: centresOf('community') },
    concentratedResidenceRate: population ? Math.round((n(r.concentrated) / population) * 1000) / 1000 : 0,
    volunteers: n(r.volunteers),
    towns: n(u.towns),
    contractedAreas: n(u.areas),
    partyGroups: n(u.groups),
    buildings: n(r.buildings),
    households: n(r.households),
    population,
    partyMembers: n(r.party_members),
  };
}
