// The fixed look-up query set: buildings and old village names read from the database, turned
// into what residents type by transformations written here (not by the normaliser under test),
// plus a few literal queries written by hand with their known answers in the demo city.
import type { Knex } from 'knex';

export interface LookupCase {
  kind: string;
  q: string;
  /** The expected best answer: this building, or (for an old village name) any building of this community. */
  expect: { building: string } | { community: string } | { address: string };
}

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';
const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

const fullWidth = (s: string) => s.replace(/\d/g, (d) => FULL_WIDTH_DIGITS[Number(d)]!);
/** 1..99 in Chinese numerals, as residents write a building number. */
const chinese = (n: number) => (n < 10 ? CN[n]! : `${n >= 20 ? CN[Math.floor(n / 10)] : ''}十${n % 10 ? CN[n % 10] : ''}`);

interface Sampled {
  id: string;
  address: string;
  town: string;
  community: string;
  estate: string;
}

/** Variants of one building's register address, each expecting that building first. */
export function variantsOf(b: Sampled): LookupCase[] {
  const m = /(\d+)(幢|号)$/.exec(b.address)!;
  const n = Number(m[1]);
  const marker = m[2]!;
  const local = `${b.community}${b.estate}`;
  const expect = { building: b.id };
  const cases: LookupCase[] = [
    { kind: 'register address', q: b.address, expect },
    { kind: 'no province, city or town', q: `${local}${n}${marker}`, expect },
    { kind: 'town, no province or city', q: `${b.town}${local}${n}${marker}`, expect },
    { kind: 'full-width digits', q: fullWidth(`${b.town}${local}${n}${marker}`), expect },
    { kind: 'spaces between the parts', q: `${b.town} ${b.community} ${b.estate} ${n} ${marker}`, expect },
    { kind: 'Chinese numeral', q: `${local}${chinese(n)}${marker}`, expect },
    // A character left out of the estate's name (not its first, which anchors it).
    { kind: 'typo: a character missing', q: `${b.community}${b.estate.slice(0, 1)}${b.estate.slice(2)}${n}${marker}`, expect },
  ];
  if (marker === '幢') {
    cases.push(
      { kind: '栋 for 幢', q: `${local}${n}栋`, expect },
      { kind: '号楼 for 幢', q: `${local}${n}号楼`, expect },
      { kind: '座 for 幢', q: `${local}${n}座`, expect },
      { kind: 'unit and room', q: `${local}${n}幢2单元301室`, expect },
      { kind: 'estate only, room as 3-2-301', q: `${b.estate}${n}-2-301`, expect },
    );
  } else {
    cases.push({ kind: 'room after a farmhouse number', q: `${local}${n}号101室`, expect });
  }
  return cases;
}

/** Every `step`-th building, so the set covers towns, estates and farmhouse groups alike. */
export async function lookupCases(k: Knex, region: string, step = 800): Promise<LookupCase[]> {
  const { rows } = await k.raw(
    `SELECT b.id, b.address, t.name AS town, c.name AS community, e.name AS estate
     FROM buildings b
     JOIN estates e ON e.region = b.region AND e.id = b.estate_id
     JOIN communities c ON c.region = e.region AND c.id = e.community_id
     JOIN towns t ON t.region = c.region AND t.id = c.town_id
     WHERE b.region = :region AND (substring(b.id from 2)::integer % :step) = 1
     ORDER BY b.id`,
    { region, step },
  );
  const aliases: Array<{ alias: string; community_id: string }> = await k('address_aliases')
    .where({ region })
    .whereRaw('id % 40 = 1')
    .orderBy('id')
    .select('alias', 'community_id');
  return [
    ...(rows as Sampled[]).flatMap(variantsOf),
    ...aliases.map((a) => ({ kind: 'old village name', q: a.alias, expect: { community: a.community_id } })),
    ...LITERAL,
  ];
}

/** Written by hand: what a service-hall clerk hears, and the demo city's answer. */
export const LITERAL: LookupCase[] = [
  { kind: 'literal: sound-alike character', q: '长泾社区港州新城3幢', expect: { address: '江苏省滨江市长泾镇长泾社区港洲新城3幢' } },
  { kind: 'literal: sound-alike, estate only', q: '港州新城三号楼', expect: { address: '江苏省滨江市长泾镇长泾社区港洲新城3幢' } },
  { kind: 'literal: farmhouse in a village group', q: '永安镇徐河村二组5号', expect: { address: '江苏省滨江市永安镇长和村徐河村二组5号' } },
  { kind: 'literal: pinyin initials', q: 'gzxc3', expect: { address: '江苏省滨江市长泾镇长泾社区港洲新城3幢' } },
  { kind: 'literal: old village and group', q: '蒋庄村一组1号', expect: { address: '江苏省滨江市江城街道富源村蒋庄村一组1号' } },
];

/** Whether a result is the case's expected answer. */
export function isExpected(c: LookupCase, r: { address?: string; building: { id: string } | null; community: { id: string } } | undefined): boolean {
  if (!r) return false;
  if ('building' in c.expect) return r.building?.id === c.expect.building;
  if ('community' in c.expect) return r.community.id === c.expect.community;
  return r.address === c.expect.address;
}
