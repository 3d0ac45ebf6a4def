import { describe, expect, it } from 'vitest';
import { canonicalAddress } from '../../server/analysis/address/normalise';
import { parseAddress } from '../../server/analysis/address/parse';
import { CERTAIN_SCORE, numberRanges, PlaceIndex, type IndexSource } from '../../server/analysis/address/place-index';
import { simplified, TRADITIONAL } from '../../server/analysis/address/traditional';
import { placeFit, stretchTrigrams, trigrams } from '../../server/analysis/address/trigram';

const HEAD = '江苏省滨江市';
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Two towns; 港洲新城 in both, a 花苑 in one, a village with two groups and its old name. */
function city(): IndexSource {
  const estates = [
    { id: 'e1', name: '港洲新城', communityId: 'c1', town: '长泾镇', community: '长泾社区', count: 36, marker: '幢' },
    { id: 'e2', name: '滨江花苑', communityId: 'c1', town: '长泾镇', community: '长泾社区', count: 5, marker: '幢' },
    { id: 'e3', name: '殷巷村一组', communityId: 'c2', town: '龙湾镇', community: '金安村', count: 4, marker: '号' },
    { id: 'e4', name: '殷巷村二组', communityId: 'c2', town: '龙湾镇', community: '金安村', count: 3, marker: '号' },
    { id: 'e5', name: '港洲新城', communityId: 'c2', town: '龙湾镇', community: '金安村', count: 3, marker: '幢' },
    { id: 'e6', name: '滨江新村', communityId: 'c2', town: '龙湾镇', community: '金安村', count: 3, marker: '幢' },
  ];
  return {
    towns: [{ id: 't1', name: '长泾镇' }, { id: 't2', name: '龙湾镇' }],
    communities: [{ id: 'c1', name: '长泾社区', townId: 't1' }, { id: 'c2', name: '金安村', townId: 't2' }],
    estates: estates.map(({ id, name, communityId }) => ({ id, name, communityId })),
    buildings: estates.flatMap((e) => range(e.count).map((n) => ({
      id: `${e.id}-${n}`, estateId: e.id, address: `${HEAD}${e.town}${e.community}${e.name}${n}${e.marker}`,
    }))),
    aliases: [{ alias: '殷巷村', communityId: 'c2' }],
  };
}

describe('PlaceIndex: honest confidence', () => {
  const index = new PlaceIndex(city());

  it('answers the register address exactly, score 1, no caveats', () => {
    const [r] = index.rank(`${HEAD}长泾镇长泾社区港洲新城3幢`, 5);
    expect(r).toMatchObject({ buildingId: 'e1-3', certainty: 'exact', match: 'exact', score: 1, reasons: [] });
  });

  it('says a building number the estate lacks, offering the estate, never building 1 as if sure', () => {
    const results = index.rank('长泾镇港洲新城50幢', 5);
    expect(results[0]).toMatchObject({
      estateLevel: true, certainty: 'approximate',
      missing: { asked: '50幢', estate: '港洲新城', has: '1-36幢' },
    });
    expect(results[0]!.reasons[0]!.code).toBe('lookup_missing_part');
    expect(results.filter((r) => r.certainty === 'exact')).toEqual([]);
  });

  it('says a village group that does not exist, and never answers another group’s house confidently', () => {
    const results = index.rank('龍灣鎮金安村殷巷村四組4號', 5);
    expect(results[0]).toMatchObject({ estateLevel: true, certainty: 'approximate', missing: { asked: '4组', estate: '殷巷村', has: '1-2组' } });
    expect(results.some((r) => r.certainty === 'exact')).toBe(false);
    expect(results.some((r) => !r.estateLevel && (r.buildingId.startsWith('e3-') || r.buildingId.startsWith('e4-')))).toBe(false);
  });

  it('reads traditional characters and a leading 中国 as the register writes them', () => {
    expect(index.rank('龍灣鎮金安村殷巷村一組4號', 1)[0]).toMatchObject({ buildingId: 'e3-4', certainty: 'exact' });
    expect(index.rank(`中国${HEAD}长泾镇长泾社区港洲新城3幢`, 1)[0]).toMatchObject({ buildingId: 'e1-3', certainty: 'exact' });
    expect(index.rank('中国江苏长泾镇港洲新城3幢', 1)[0]).toMatchObject({ buildingId: 'e1-3' });
  });

  it('keeps to the town a query names: another town’s estate of the same name never comes back', () => {
    const inLongwan = index.rank('龙湾镇港洲新城2幢', 10);
    expect(inLongwan[0]).toMatchObject({ buildingId: 'e5-2' });
    expect(inLongwan.every((r) => r.buildingId.startsWith('e5-'))).toBe(true);
  });

  it('calls two estates of one name equally fitting ambiguous, not exact', () => {
    const [first, second] = index.rank('港洲新城2幢', 5);
    expect([first!.buildingId, second!.buildingId].sort()).toEqual(['e1-2', 'e5-2']);
    expect(first!.certainty).toBe('approximate');
    expect(first!.reasons.map((r) => r.code)).toContain('lookup_ambiguous');
  });

  it('takes pinyin or initials with a building number as approximate, saying so', () => {
    const [r] = index.rank('长泾镇 gangzhouxincheng 3', 1);
    expect(r).toMatchObject({ buildingId: 'e1-3', certainty: 'approximate' });
    expect(r!.reasons.map((x) => x.code)).toEqual(['lookup_pinyin']);
    expect(index.rank('长泾镇gzxc3幢', 1)[0]).toMatchObject({ buildingId: 'e1-3', certainty: 'approximate' });
  });

  it('swaps one usual suffix for another (小区 for 花苑) only where the other name is one estate’s', () => {
    const [r] = index.rank('长泾镇滨江小区3幢', 1);
    expect(r).toMatchObject({ buildingId: 'e2-3', certainty: 'approximate' });
    // Without the town, 滨江小区 could be 滨江花苑 or 滨江新村: neither is offered by that name.
    const loose = index.rank('滨江小区3幢', 5);
    expect(loose.every((x) => x.certainty === 'approximate' && x.score < 0.7 * 0.9 + 0.3)).toBe(true);
  });

  it('hears 花园 in 花苑 (the same sound), and says it is by sound', () => {
    const [r] = index.rank('长泾镇滨江花园3幢', 1);
    expect(r).toMatchObject({ buildingId: 'e2-3', certainty: 'approximate', reasons: [{ code: 'lookup_sound_alike' }] });
  });

  it('marks an old village name as such', () => {
    const [r] = index.rank('殷巷村', 1);
    expect(r!.match).toBe('alias');
    expect(r!.reasons.map((x) => x.code)).toContain('lookup_old_name');
  });

  it('is approximate below CERTAIN_SCORE: a character missing from the name', () => {
    const [r] = index.rank('长泾社区港新城3幢', 1);
    expect(r!.buildingId).toBe('e1-3');
    expect(r!.score).toBeLessThan(CERTAIN_SCORE);
    expect(r).toMatchObject({ certainty: 'approximate', reasons: [{ code: 'lookup_fuzzy_name' }] });
  });

  it('finds nothing for text that names no place', () => {
    expect(index.rank('ZZQQXX', 5)).toEqual([]);
  });
});

describe('PlaceIndex: kept in step', () => {
  it('follows a building moved to another estate, added or removed', () => {
    const index = new PlaceIndex(city());
    expect(index.putBuilding({ id: 'e1-3', estateId: 'e2', address: `${HEAD}长泾镇长泾社区滨江花苑9幢` })).toBe(true);
    expect(index.rank('长泾镇港洲新城3幢', 1)[0]).toMatchObject({ estateLevel: true, missing: { has: '1-2、4-36幢' } });
    expect(index.rank('长泾镇滨江花苑9幢', 1)[0]).toMatchObject({ buildingId: 'e1-3', certainty: 'exact' });
    index.removeBuilding('e1-3');
    expect(index.rank('长泾镇滨江花苑9幢', 1)[0]).toMatchObject({ estateLevel: true });
    expect(index.putBuilding({ id: 'new', estateId: 'e9', address: 'x' })).toBe(false);
    expect(index.size).toBe(city().buildings.length - 1);
  });
});

describe('address pieces', () => {
  it('folds traditional characters, one to one, leaving simplified text alone', () => {
    expect(simplified('龍灣鎮金安村殷巷村四組4號')).toBe('龙湾镇金安村殷巷村四组4号');
    expect(simplified('长泾社区港洲新城')).toBe('长泾社区港洲新城');
    const targets = new Set(TRADITIONAL.values());
    expect([...TRADITIONAL.keys()].filter((k) => targets.has(k) || TRADITIONAL.get(k) === k)).toEqual([]);
    expect(TRADITIONAL.size).toBeGreaterThan(300);
  });

  it('strips a leading 中国 or 中华人民共和国', () => {
    expect(parseAddress('中华人民共和国江苏省滨江市港洲新城3幢').place).toBe('港洲新城');
    expect(parseAddress(canonicalAddress('中国 港洲新城 3 栋')).building).toBe(3);
  });

  it('scores a query that is part of a name high, an equal name 1, an unrelated one low', () => {
    expect(placeFit('港洲新城', '港洲新城')).toBe(1);
    expect(placeFit('港洲新城', '长泾社区港洲新城')).toBeGreaterThan(0.85);
    expect(placeFit('港洲新城', '长泾社区港洲新城')).toBeLessThan(1);
    expect(placeFit('港洲新城', '殷巷村一组')).toBeLessThan(0.3);
  });

  it('scores a fit as its definition over trigram sets does, repeated and astral characters included', () => {
    // The definition: 0.85 × the share of the query's trigrams in some stretch of the word, plus
    // 0.15 × the trigrams both have over all of them; 1 only for the same word.
    const defined = (query: string, word: string) => {
      if (query === word) return 1;
      const q = trigrams(query);
      const stretches = new Set(stretchTrigrams(word));
      const own = new Set(trigrams(word));
      const shared = q.filter((g) => own.has(g)).length;
      const contained = q.length ? q.filter((g) => stretches.has(g)).length / q.length : 0;
      const similar = q.length && own.size ? shared / (q.length + own.size - shared) : 0;
      return Math.min(0.99, 0.85 * contained + 0.15 * similar);
    };
    const alphabet = ['港', '洲', '新', '城', '村', '组', '1', '𠀋', '𡈽'];
    let seed = 7;
    const pick = () => alphabet[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % alphabet.length]!;
    const word = (n: number) => Array.from({ length: n }, pick).join('');
    for (let k = 0; k < 3000; k++) {
      const [query, name] = [word(2 + (k % 5)), word(k % 9)];
      expect(placeFit(query, name), `${query} in ${name}`).toBeCloseTo(defined(query, name), 12);
    }
    expect(placeFit('港洲', '港洲港洲港洲')).toBeCloseTo(defined('港洲', '港洲港洲港洲'), 12);
  });

  it('writes numbers as ranges', () => {
    expect(numberRanges([5, 1, 2, 3], '组')).toBe('1-3、5组');
    expect(numberRanges([7], '幢')).toBe('7幢');
  });
});

describe('PlaceIndex: a town named in the query', () => {
  it('keeps to every town of that name, so a second town called the same still answers its own estates', () => {
    const source = city();
    // A city copied beside itself, as the bench's million-address city is: the same town names.
    const copy: IndexSource = {
      towns: [{ id: 't1b', name: '长泾镇' }],
      communities: [{ id: 'c1b', name: '长泾社区', townId: 't1b' }],
      estates: [{ id: 'e1b', name: '港洲新城2期', communityId: 'c1b' }],
      buildings: range(4).map((n) => ({ id: `e1b-${n}`, estateId: 'e1b', address: `${HEAD}长泾镇长泾社区港洲新城2期${n}幢` })),
      aliases: [],
    };
    const index = new PlaceIndex({
      towns: [...source.towns, ...copy.towns],
      communities: [...source.communities, ...copy.communities],
      estates: [...source.estates, ...copy.estates],
      buildings: [...source.buildings, ...copy.buildings],
      aliases: source.aliases,
    });
    expect(index.rank(`${HEAD}长泾镇长泾社区港洲新城2期3幢`, 5)[0]).toMatchObject({ buildingId: 'e1b-3', certainty: 'exact' });
    expect(index.rank(`${HEAD}长泾镇长泾社区港洲新城3幢`, 5)[0]).toMatchObject({ buildingId: 'e1-3', certainty: 'exact' });
    // Another town's name still keeps its estates out.
    expect(index.rank('龙湾镇港洲新城2期3幢', 5).every((r) => r.buildingId === null || !r.buildingId.startsWith('e1'))).toBe(true);
  });
});
