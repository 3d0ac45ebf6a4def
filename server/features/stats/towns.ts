// The report's indicators for each town, counted by one query from the tables (never stored).
// Every figure is a count or a sum over things that lie in exactly one town, so the towns add up
// to the city: `/api/stats` is their sum, and the dashboard shows the same numbers broken down.
import type { AppContext } from '../../context';
import { LARGE_CENTRE_M2, RURAL_KINDS, URBAN_KINDS } from '../../domain/kinds';
import { perForm, UNIT_FORMS, type FormCounts } from '../../domain/organisations';

type Side<T> = { village: T; community: T };

/** What a town (or, summed, the city) counts. */
export interface Counts {
  villagesBefore: number;
  communities: { rural: number; villageResidence: number; township: number; urban: number };
  /** Community-level organisations by form; `village` = those of rural communities (行政村). */
  partyOrgs: Side<FormCounts>;
  /** 党员人才服务中心 (kind `party_service`), and those of at least `LARGE_CENTRE_M2`. */
  serviceCenters: Side<{ count: number; large: number }>;
  /**
   * Communities with a community-level party organisation (the report's 240 villages and 54
   * communities), and of them those with at least one party service centre.
   */
  organised: Side<{ communities: number; withCentre: number }>;
  contractedAreas: number;
  partyGroups: number;
  buildings: number;
  households: number;
  population: number;
  partyMembers: number;
  /** Residents of concentrated estates (农民集中居住区). */
  concentratedPopulation: number;
  volunteers: number;
}

export interface TownCounts extends Counts {
  id: string;
  name: string;
  nameEn: string;
  kind: string;
}

const sqlList = (kinds: readonly string[]) => `(${kinds.map((k) => `'${k}'`).join(', ')})`;
const RURAL = sqlList(RURAL_KINDS);
const URBAN = sqlList(URBAN_KINDS);
/** One count column per form and side, e.g. village_form_0 for the 党委 of rural communities. */
const formColumns = (side: 'village' | 'community', kinds: string) =>
  UNIT_FORMS.map((f, i) => `count(*) FILTER (WHERE c.kind IN ${kinds} AND o.form = '${f}') AS ${side}_form_${i}`).join(', ');
const formCounts = (r: Record<string, unknown>, side: 'village' | 'community') => perForm((f) => n(r[`${side}_form_${UNIT_FORMS.indexOf(f)}`]));

// A party organisation belongs to the town of the unit it leads: a town (level 1), a community (2),
// an area (3) or a building party group (4). One leading no unit of the city is in no town.
const TOWN_SQL = `
  WITH units AS (
    SELECT town_id,
           count(*) FILTER (WHERE kind IN ${RURAL}) AS rural,
           count(*) FILTER (WHERE kind = 'village_residence') AS village_residence,
           count(*) FILTER (WHERE kind = 'township') AS township,
           count(*) FILTER (WHERE kind IN ${URBAN}) AS urban
    FROM communities WHERE region = :region GROUP BY town_id
  ), villages_before AS (
    SELECT town_id, count(*) AS villages FROM villages WHERE region = :region GROUP BY town_id
  ), areas AS (
    SELECT c.town_id, count(*) AS areas
    FROM contracted_areas a JOIN communities c ON c.region = a.region AND c.id = a.community_id
    WHERE a.region = :region GROUP BY c.town_id
  ), groups AS (
    SELECT c.town_id, count(*) AS groups
    FROM party_groups g
    JOIN contracted_areas a ON a.region = g.region AND a.id = g.area_id
    JOIN communities c ON c.region = a.region AND c.id = a.community_id
    WHERE g.region = :region GROUP BY c.town_id
  ), orgs AS (
    SELECT c.town_id,
           ${formColumns('village', RURAL)},
           ${formColumns('community', URBAN)}
    FROM party_orgs o JOIN communities c ON c.region = o.region AND c.id = o.unit_id
    WHERE o.region = :region AND o.level = 2 GROUP BY c.town_id
  ), organised AS (
    SELECT town_id,
           count(*) FILTER (WHERE kind IN ${RURAL}) AS village_organised,
           count(*) FILTER (WHERE kind IN ${RURAL} AND has_centre) AS village_with_centre,
           count(*) FILTER (WHERE kind IN ${URBAN}) AS community_organised,
           count(*) FILTER (WHERE kind IN ${URBAN} AND has_centre) AS community_with_centre
    FROM (SELECT c.town_id, c.kind,
                 EXISTS (SELECT 1 FROM service_centres s
                          WHERE s.region = :region AND s.community_id = c.id AND s.kind = 'party_service') AS has_centre
            FROM communities c
           WHERE c.region = :region
             AND EXISTS (SELECT 1 FROM party_orgs o WHERE o.region = c.region AND o.level = 2 AND o.unit_id = c.id)) oc
    GROUP BY town_id
  ), centres AS (
    SELECT c.town_id,
           count(*) FILTER (WHERE c.kind IN ${RURAL}) AS village_centres,
           count(*) FILTER (WHERE c.kind IN ${RURAL} AND s.floor_area >= :large) AS village_large,
           count(*) FILTER (WHERE c.kind IN ${URBAN}) AS community_centres,
           count(*) FILTER (WHERE c.kind IN ${URBAN} AND s.floor_area >= :large) AS community_large
    FROM service_centres s JOIN communities c ON c.region = s.region AND c.id = s.community_id
    WHERE s.region = :region AND s.kind = 'party_service' GROUP BY c.town_id
  ), residents AS (
    -- Summed per area first: the join up to the town then meets a thousand rows, not every building.
    SELECT c.town_id, sum(r.buildings) AS buildings, sum(r.households) AS households, sum(r.population) AS population,
           sum(r.party_members) AS party_members, sum(r.concentrated) AS concentrated
    FROM (SELECT b.area_id, count(*) AS buildings, sum(b.households) AS households, sum(b.population) AS population,
                 sum(b.party_members) AS party_members, sum(b.population) FILTER (WHERE e.concentrated) AS concentrated
            FROM buildings b JOIN estates e ON e.region = b.region AND e.id = b.estate_id
           WHERE b.region = :region GROUP BY b.area_id) r
    JOIN contracted_areas a ON a.region = :region AND a.id = r.area_id
    JOIN communities c ON c.region = a.region AND c.id = a.community_id
    GROUP BY c.town_id
  ), volunteers AS (
    SELECT coalesce(t.id, c.town_id) AS town_id, sum(o.volunteers) AS volunteers
    FROM party_orgs o
    LEFT JOIN towns t ON o.level = 1 AND t.region = o.region AND t.id = o.unit_id
    LEFT JOIN party_groups g ON o.level = 4 AND g.region = o.region AND g.id = o.unit_id
    LEFT JOIN contracted_areas a ON o.level IN (3, 4) AND a.region = o.region
          AND a.id = CASE o.level WHEN 3 THEN o.unit_id ELSE g.area_id END
    LEFT JOIN communities c ON o.level IN (2, 3, 4) AND c.region = o.region
          AND c.id = CASE o.level WHEN 2 THEN o.unit_id ELSE a.community_id END
    -- Most organisations report no volunteers; only those that do need placing in a town.
    WHERE o.region = :region AND o.volunteers > 0 GROUP BY 1
  )
  SELECT t.id, t.name, t.name_en, t.kind, u.*, vb.*, ar.*, gr.*, og.*, oc.*, ce.*, r.*, v.*
  FROM towns t
  LEFT JOIN units u ON u.town_id = t.id
  LEFT JOIN villages_before vb ON vb.town_id = t.id
  LEFT JOIN areas ar ON ar.town_id = t.id
  LEFT JOIN groups gr ON gr.town_id = t.id
  LEFT JOIN orgs og ON og.town_id = t.id
  LEFT JOIN organised oc ON oc.town_id = t.id
  LEFT JOIN centres ce ON ce.town_id = t.id
  LEFT JOIN residents r ON r.town_id = t.id
  LEFT JOIN volunteers v ON v.town_id = t.id
  WHERE t.region = :region
  ORDER BY t.id`;

const n = (v: unknown) => Number(v ?? 0);

export async function countByTown({ db, region }: AppContext): Promise<TownCounts[]> {
  const { rows } = await db.knex.raw(TOWN_SQL, { region, large: LARGE_CENTRE_M2 });
  return (rows as Record<string, unknown>[]).map((r) => ({
    id: String(r.id),
    name: String(r.name),
    nameEn: String(r.name_en),
    kind: String(r.kind),
    villagesBefore: n(r.villages),
    communities: { rural: n(r.rural), villageResidence: n(r.village_residence), township: n(r.township), urban: n(r.urban) },
    partyOrgs: {
      village: formCounts(r, 'village'),
      community: formCounts(r, 'community'),
    },
    serviceCenters: {
      village: { count: n(r.village_centres), large: n(r.village_large) },
      community: { count: n(r.community_centres), large: n(r.community_large) },
    },
    organised: {
      village: { communities: n(r.village_organised), withCentre: n(r.village_with_centre) },
      community: { communities: n(r.community_organised), withCentre: n(r.community_with_centre) },
    },
    contractedAreas: n(r.areas),
    partyGroups: n(r.groups),
    buildings: n(r.buildings),
    households: n(r.households),
    population: n(r.population),
    partyMembers: n(r.party_members),
    concentratedPopulation: n(r.concentrated),
    volunteers: n(r.volunteers),
  }));
}

/** The city's counts: every number of every town added up, whatever its nesting. */
export function sumCounts(towns: Counts[]): Counts {
  // Walks the shape of EMPTY, so a town's id and name are not "added".
  const add = (sum: unknown, town: unknown): unknown =>
    typeof sum === 'number'
      ? sum + (town as number)
      : Object.fromEntries(Object.entries(sum as object).map(([k, v]) => [k, add(v, (town as Record<string, unknown>)[k])]));
  return towns.reduce((sum, town) => add(sum, town) as Counts, EMPTY);
}

const side = <T>(v: T): Side<T> => ({ village: v, community: v });
const EMPTY: Counts = {
  villagesBefore: 0,
  communities: { rural: 0, villageResidence: 0, township: 0, urban: 0 },
  partyOrgs: side(perForm(() => 0)),
  serviceCenters: side({ count: 0, large: 0 }),
  organised: side({ communities: 0, withCentre: 0 }),
  contractedAreas: 0,
  partyGroups: 0,
  buildings: 0,
  households: 0,
  population: 0,
  partyMembers: 0,
  concentratedPopulation: 0,
  volunteers: 0,
};

/** The concentrated-residence rate as the report gives it: a share to three decimals (69.6 %). */
export const residenceRate = (c: Pick<Counts, 'concentratedPopulation' | 'population'>) =>
  c.population ? Math.round((c.concentratedPopulation / c.population) * 1000) / 1000 : 0;
