// The fixed look-up query set: buildings and old village names read from the database, turned
// into what residents type by transformations written here (not by the normaliser under test),
// plus a few literal queries written by hand with their known answers in the demo city.
import type { Knex } from 'knex';

export interface LookupCase {
  kind: string;
  q: string;
  /**
   * The expected best answer: this building, or (for an old village name) any building of this
   * community, or this address; or, for what does not exist, an answer at estate level naming the
   * missing part (never a confident building); or only answers in this town.
   */
  expect:
    | { building: string }
    | { community: string }
    | { address: string }
    | { missing: { asked: string; estate: string } }
    | { town: string };
  /** How sure the best answer must say it is, where the case decides it. */
  certainty?: 'exact' | 'approximate';
}

/**
 * Traditional forms of the characters in the demo city's names, written here rather than taken
 * from the normaliser under test: a case is made only where the address has some of them.
 */
const TRADITIONAL: Record<string, string> = {
  镇: '鎮', 区: '區', 组: '組', 号: '號', 龙: '龍', 湾: '灣', 长: '長', 东: '東', 园: '園', 桥: '橋', 庄: '莊', 华: '華',
  兴: '興', 阳: '陽', 丰: '豐', 凤: '鳳', 乐: '樂', 门: '門', 马: '馬', 阁: '閣', 盘: '盤', 滨: '濱', 泾: '涇', 宁: '寧',
};
const traditional = (s: string) => [...s].map((c) => TRADITIONAL[c] ?? c).join('');

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';
const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

const fullWidth = (s: string) => s.replace(/\d/g, (d) => FULL_WIDTH_DIGITS[Number(d)]!);
/** 1..99 in Chinese numerals, as residents write a building number. */
const chinese = (n: number) => (n < 10 ? CN[n]! : `${n >= 20 ? CN[Math.floor(n / 10)] : ''}十${n % 10 ? CN[n % 10] : ''}`);

interface Sampled {
  id: string;
  address: string;
  town: string;
  town_id: string;
  community: string;
  estate: string;
  /** The estate's highest building number. */
  top: number;
}

/** Variants of one building's register address, each expecting that building first. */
export function variantsOf(b: Sampled): LookupCase[] {
  const m = /(\d+)(幢|号)$/.exec(b.address)!;
  const n = Number(m[1]);
  const marker = m[2]!;
  const local = `${b.community}${b.estate}`;
  const expect = { building: b.id };
  const cases: LookupCase[] = [
    { kind: 'register address', q: b.address, expect, certainty: 'exact' },
    { kind: '中国 before the province', q: `中国${b.address}`, expect, certainty: 'exact' },
    { kind: 'number the estate lacks', q: `${b.town}${local}${b.top + 50}${marker}`, expect: { missing: { asked: `${b.top + 50}${marker}`, estate: b.estate } }, certainty: 'approximate' },
    { kind: 'town named', q: `${b.town}${b.estate}${n}${marker}`, expect: { town: b.town_id } },
    { kind: 'no province, city or town', q: `${local}${n}${marker}`, expect },
    { kind: 'town, no province or city', q: `${b.town}${local}${n}${marker}`, expect },
    { kind: 'full-width digits', q: fullWidth(`${b.town}${local}${n}${marker}`), expect },
    { kind: 'spaces between the parts', q: `${b.town} ${b.community} ${b.estate} ${n} ${marker}`, expect },
    { kind: 'Chinese numeral', q: `${local}${chinese(n)}${marker}`, expect },
    // A character left out of the estate's name (not its first, which anchors it).
    { kind: 'typo: a character missing', q: `${b.community}${b.estate.slice(0, 1)}${b.estate.slice(2)}${n}${marker}`, expect },
  ];
  const old = traditional(`${b.town}${local}${n}${marker}`);
  if (old !== `${b.town}${local}${n}${marker}`) cases.push({ kind: 'traditional characters', q: old, expect, certainty: 'exact' });
  const group = /^(.+村)([一二三四五六七八九])组$/.exec(b.estate);
  if (group) {
    // A group the village has not got: said plainly, never another group's house as sure.
    cases.push({ kind: 'village group that does not exist', q: `${b.town}${b.community}${group[1]}九组${n}号`, expect: { missing: { asked: '9组', estate: group[1]! } }, certainty: 'approximate' });
  }
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
    // The estate's highest number only for the sampled rows' estates, in one grouped pass: per
    // row of the city it took minutes on PGlite, and a subquery per sampled row scanned a
    // million-address city once for each (buildings have no index by estate).
    `WITH picked AS (
       SELECT id, address, estate_id, town, town_id, community, estate FROM (
         SELECT b.id, b.address, b.estate_id, t.name AS town, t.id AS town_id, c.name AS community, e.name AS estate, row_number() OVER (ORDER BY b.id) AS n
         FROM buildings b
         JOIN estates e ON e.region = b.region AND e.id = b.estate_id
         JOIN communities c ON c.region = e.region AND c.id = e.community_id
         JOIN towns t ON t.region = c.region AND t.id = c.town_id
         WHERE b.region = :region) x
       WHERE (n - 1) % :step = 0)
     SELECT p.id, p.address, p.town, p.town_id, p.community, p.estate, m.top
     FROM picked p
     LEFT JOIN (SELECT y.estate_id, max(substring(y.address FROM '(\\d+)[幢号]$')::int) AS top
                FROM buildings y
                WHERE y.region = :region AND y.estate_id IN (SELECT estate_id FROM picked)
                GROUP BY y.estate_id) m ON m.estate_id = p.estate_id
     ORDER BY p.id`,
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
  { kind: 'literal: pinyin and a number', q: 'gangzhouxincheng 3', expect: { address: '江苏省滨江市长泾镇长泾社区港洲新城3幢' }, certainty: 'approximate' },
  { kind: 'literal: traditional, with the town', q: '長涇鎮長涇社區港洲新城3幢', expect: { address: '江苏省滨江市长泾镇长泾社区港洲新城3幢' }, certainty: 'exact' },
  { kind: 'literal: 中国江苏省 and the city', q: '中国江苏省滨江市长泾镇长泾社区港洲新城3幢', expect: { address: '江苏省滨江市长泾镇长泾社区港洲新城3幢' }, certainty: 'exact' },
  { kind: 'literal: 小区 for 花苑 (one estate of that stem)', q: '三河镇乐洲小区12幢', expect: { address: '江苏省滨江市三河镇乐洲村乐洲花苑12幢' }, certainty: 'approximate' },
  { kind: 'literal: number the estate lacks', q: '龙桥新城50幢', expect: { missing: { asked: '50幢', estate: '龙桥新城' } }, certainty: 'approximate' },
  { kind: 'literal: village group that does not exist', q: '龍灣鎮金安村殷巷村九組4號', expect: { missing: { asked: '9组', estate: '殷巷村' } }, certainty: 'approximate' },
];

interface Answer {
  address?: string;
  building: { id: string } | null;
  community: { id: string };
  town: { id: string };
  certainty?: 'exact' | 'approximate';
  missing?: { asked: string; estate: string };
}

/** Whether the best result is the case's expected answer, as sure as the case says; `all` for a town's case. */
export function isExpected(c: LookupCase, r: Answer | undefined, all: readonly Answer[] = r ? [r] : []): boolean {
  if (!r) return false;
  if (c.certainty && r.certainty !== c.certainty) return false;
  if ('building' in c.expect) return r.building?.id === c.expect.building;
  if ('community' in c.expect) return r.community.id === c.expect.community;
  if ('missing' in c.expect) return r.building === null && r.missing?.asked === c.expect.missing.asked && r.missing.estate === c.expect.missing.estate;
  if ('town' in c.expect) {
    const town = c.expect.town;
    return all.every((x) => x.town.id === town);
  }
  return r.address === c.expect.address;
}
