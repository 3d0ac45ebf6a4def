// One unit of the four-level grid with what the info panel shows: its totals, its party
// organisation, its lead and the path up to its town (the breadcrumb).
import type { Knex } from 'knex';
import type { AppContext } from '../../context';
import { leadPhoneAccess } from '../../domain/jurisdiction';
import { Kept } from '../../db/kept';
import { notFound } from '../../http/errors';
import type { AuthUser } from '../auth/service';
import { maskPhone } from '../../domain/masking';

export const UNIT_LEVELS = ['town', 'community', 'area', 'group', 'building'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export interface PathStep {
  level: UnitLevel;
  id: string;
  name: string;
  nameEn: string;
}

export interface UnitInfo {
  id: string;
  level: UnitLevel | 'city';
  name: string;
  nameEn: string;
  kind: string | null;
  /** Buildings only: the full postal address (name is the short form). */
  address?: string;
  population: number;
  households: number;
  partyMembers: number;
  buildings: number;
  org: { name: string; form: string; members: number; secretary: string } | null;
  /** `phoneRevealable`: the phone is masked, and this viewer may reveal it (audited). */
  lead: { name: string; phone: string; phoneRevealable: boolean } | null;
  path: PathStep[];
  bbox: [number, number, number, number];
}

/** The row of a unit joined up to its town, so one query yields the breadcrumb. */
const CHAIN = `
  SELECT tw.id AS town_id, tw.name AS town_name, tw.name_en AS town_name_en,
         c.id AS community_id, c.name AS community_name, c.name_en AS community_name_en, c.kind AS community_kind,
         a.id AS area_id, a.name AS area_name, a.name_en AS area_name_en, a.lead_name, a.lead_phone,
         g.id AS group_id, g.name AS group_name, g.name_en AS group_name_en
  FROM towns tw
  LEFT JOIN communities c ON c.region = tw.region AND c.town_id = tw.id
  LEFT JOIN contracted_areas a ON a.region = c.region AND a.community_id = c.id
  LEFT JOIN party_groups g ON g.region = a.region AND g.area_id = a.id`;

/** Which buildings a unit holds, as a condition over buildings b joined to area a and community c. */
const BUILDINGS_OF: Record<UnitLevel, string> = {
  town: 'c.town_id = :id',
  community: 'a.community_id = :id',
  area: 'b.area_id = :id',
  group: 'b.group_id = :id',
  building: 'b.id = :id',
};

const TABLE_OF: Record<UnitLevel, string> = {
  town: 'towns',
  community: 'communities',
  area: 'contracted_areas',
  group: 'party_groups',
  building: 'buildings',
};

/** What the panel reads of the unit's own row: never its geometry, only the box around it. */
const COLUMNS_OF: Record<UnitLevel, string[]> = {
  town: ['name', 'name_en', 'kind'],
  community: ['name', 'name_en', 'kind'],
  area: ['name', 'name_en'],
  group: ['name', 'name_en'],
  building: ['address', 'group_id'],
};

const ORG_LEVEL: Partial<Record<UnitLevel, number>> = { town: 1, community: 2, area: 3, group: 4 };

type Row = Record<string, string | null>;

/** 江苏省滨江市X镇Y社区龙湾花苑12幢 → 龙湾花苑12幢: the breadcrumb already names the rest. */
function shortAddress(address: string, communityName: string): string {
  const at = address.indexOf(communityName);
  return at < 0 ? address : address.slice(at + communityName.length) || address;
}

async function totals(k: Knex, region: string, where: string, id: string | null) {
  const { rows } = await k.raw(
    `SELECT count(*) AS buildings, coalesce(sum(b.population), 0) AS population,
            coalesce(sum(b.households), 0) AS households, coalesce(sum(b.party_members), 0) AS party_members
     FROM buildings b
     JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
     JOIN communities c ON c.region = a.region AND c.id = a.community_id
     WHERE b.region = :region AND ${where}`,
    id === null ? { region } : { region, id },
  );
  const r = rows[0];
  return {
    buildings: Number(r.buildings),
    population: Number(r.population),
    households: Number(r.households),
    partyMembers: Number(r.party_members),
  };
}

/** The box around the whole city's towns. */
async function cityExtent(k: Knex, region: string) {
  const { rows } = await k.raw(
    `SELECT ST_XMin(e) AS w, ST_YMin(e) AS s, ST_XMax(e) AS e, ST_YMax(e) AS n
     FROM (SELECT ST_Extent(geom) AS e FROM towns WHERE region = :region) x`,
    { region },
  );
  const r = rows[0];
  return [Number(r.w), Number(r.s), Number(r.e), Number(r.n)] as [number, number, number, number];
}

export async function cityInfo({ db, region }: AppContext): Promise<UnitInfo> {
  return {
    id: region,
    level: 'city',
    name: '全市',
    nameEn: 'Whole city',
    kind: null,
    ...(await totals(db.knex, region, 'true', null)),
    org: null,
    lead: null,
    path: [],
    bbox: await cityExtent(db.knex, region),
  };
}

function lead(name: string, phone: string, access: ReturnType<typeof leadPhoneAccess>): NonNullable<UnitInfo['lead']> {
  return { name, phone: access === 'full' ? phone : maskPhone(phone), phoneRevealable: access === 'revealable' };
}

/** What the panel shows of a unit whoever asks: the lead's phone is masked per viewer afterwards. */
interface UnitFacts extends Omit<UnitInfo, 'lead'> {
  lead: { name: string; phone: string; townId: string } | null;
}

/**
 * Kept while the grid is unchanged (db/kept.ts): everyone's map asks for the same towns and
 * communities, and each answer is four queries (the totals beside the row, then the breadcrumb
 * and the organisation together), a town's totals over all its buildings.
 */
const kept = new Kept<UnitFacts>(['towns', 'communities', 'contracted_areas', 'party_groups', 'buildings', 'party_orgs'], 5000);

export async function unitInfo(ctx: AppContext, level: UnitLevel, id: string, viewer: AuthUser | undefined): Promise<UnitInfo> {
  const { lead: of, ...facts } = await kept.get(ctx.db, `${ctx.region}\u0000${level}\u0000${id}`, (k) => readUnit(k, ctx.region, level, id));
  return { ...facts, lead: of ? lead(of.name, of.phone, leadPhoneAccess(viewer, of.townId)) : null };
}

async function readUnit(k: Knex, region: string, level: UnitLevel, id: string): Promise<UnitFacts> {
  const box = level === 'building' ? 'ST_Expand(geom, 0.002)' : 'geom';
  // The totals need only the id: asked for at once, beside the row (a connection of its own on
  // PostgreSQL, the next in line on the embedded database's one).
  const sums = totals(k, region, BUILDINGS_OF[level], id);
  sums.catch(() => {});
  const unit: Row | undefined = await k(TABLE_OF[level])
    .where({ region, id })
    .first(...COLUMNS_OF[level], k.raw(`ST_XMin(${box}) AS bbox_w, ST_YMin(${box}) AS bbox_s, ST_XMax(${box}) AS bbox_e, ST_YMax(${box}) AS bbox_n`));
  if (!unit) throw notFound(level, id);

  const chainKey: Record<UnitLevel, string> = {
    town: 'tw.id', community: 'c.id', area: 'a.id', group: 'g.id', building: 'g.id',
  };
  const chainId = level === 'building' ? unit.group_id : id;
  const orgLevel = ORG_LEVEL[level];
  const orgUnit = level === 'building' ? unit.group_id : id;
  const [{ rows: chainRows }, org] = await Promise.all([
    k.raw(`${CHAIN} WHERE tw.region = :region AND ${chainKey[level]} = :id LIMIT 1`, { region, id: chainId }),
    k('party_orgs').where({ region, level: orgLevel ?? 4, unit_id: orgUnit }).first('name', 'form', 'members', 'secretary'),
  ]);
  const chain: Row = chainRows[0];
  const path: PathStep[] = [];
  const depth = UNIT_LEVELS.indexOf(level);
  const steps: Array<[UnitLevel, string]> = [['town', 'town'], ['community', 'community'], ['area', 'area'], ['group', 'group']];
  for (const [stepLevel, prefix] of steps.slice(0, Math.min(depth + 1, 4))) {
    path.push({ level: stepLevel, id: chain[`${prefix}_id`]!, name: chain[`${prefix}_name`]!, nameEn: chain[`${prefix}_name_en`]! });
  }
  const buildingName = level === 'building' ? shortAddress(unit.address!, chain.community_name!) : '';
  if (level === 'building') path.push({ level, id, name: buildingName, nameEn: buildingName });

  const hasLead = level === 'area' || level === 'group' || level === 'building';

  return {
    id,
    level,
    name: level === 'building' ? buildingName : unit.name!,
    nameEn: level === 'building' ? buildingName : unit.name_en!,
    ...(level === 'building' ? { address: unit.address! } : {}),
    kind: level === 'community' ? chain.community_kind : (unit.kind ?? null),
    ...(await sums),
    org: org ? { name: org.name, form: org.form, members: Number(org.members), secretary: org.secretary } : null,
    lead: hasLead ? { name: chain.lead_name!, phone: chain.lead_phone!, townId: chain.town_id! } : null,
    path,
    bbox: [Number(unit.bbox_w), Number(unit.bbox_s), Number(unit.bbox_e), Number(unit.bbox_n)],
  };
}
