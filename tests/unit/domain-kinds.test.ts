// The kinds of the domain: every community and centre kind has its one Chinese and English name,
// the report's broad sides (rural / urban) split the kinds, and a centre's label never repeats its kind.
import { describe, expect, it } from 'vitest';
import {
  CENTRE_KIND_NAMES,
  CENTRE_KINDS,
  centreLabel,
  COMMUNITY_KIND_NAMES,
  COMMUNITY_KINDS,
  isRural,
  namesIn,
  RURAL_KINDS,
  URBAN_KINDS,
} from '../../server/domain/kinds';

describe('kind names', () => {
  it.each([
    ['community', COMMUNITY_KINDS, COMMUNITY_KIND_NAMES],
    ['centre', CENTRE_KINDS, CENTRE_KIND_NAMES],
  ] as const)('names every %s kind, and no other, with a distinct Chinese and English name', (_, kinds, names) => {
    expect(Object.keys(names).sort()).toEqual([...kinds].sort());
    for (const k of kinds) {
      const n = (names as Record<string, { zh: string; en: string }>)[k]!;
      expect(n.zh).toMatch(/^\p{Script=Han}+$/u);
      expect(n.en).toMatch(/^[A-Z][A-Za-z &-]+$/);
    }
    for (const locale of ['zh', 'en'] as const) expect(new Set(Object.values(namesIn(names as Record<string, { zh: string; en: string }>, locale))).size).toBe(kinds.length);
  });

  it('calls party_service 党员人才服务中心, the report\'s word', () => {
    expect(CENTRE_KIND_NAMES.party_service.zh).toBe('党员人才服务中心');
  });

  it('takes one language\'s column of a names table', () => {
    expect(namesIn(COMMUNITY_KIND_NAMES, 'zh')).toEqual({ rural: '农村社区', village_residence: '村居合一社区', township: '乡镇社区', urban: '城市社区' });
    expect(namesIn(CENTRE_KIND_NAMES, 'en').labour).toBe(CENTRE_KIND_NAMES.labour.en);
  });
});

describe('rural and urban', () => {
  it('counts 村居合一 among the rural and township communities among the urban, each kind on one side', () => {
    expect(RURAL_KINDS).toEqual(['rural', 'village_residence']);
    expect(URBAN_KINDS).toEqual(['township', 'urban']);
    expect(COMMUNITY_KINDS.filter(isRural)).toEqual(RURAL_KINDS);
  });
});

describe('centreLabel', () => {
  it('adds the kind only where the name does not already end with it', () => {
    expect(centreLabel('沿江社区党员人才服务中心', 'party_service', 'zh')).toBe('沿江社区党员人才服务中心');
    expect(centreLabel('沿江社区服务大厅', 'party_service', 'zh')).toBe('沿江社区服务大厅 · 党员人才服务中心');
    expect(centreLabel('沿江社区党员人才服务中心', 'party_service', 'en')).toBe(`沿江社区党员人才服务中心 · ${CENTRE_KIND_NAMES.party_service.en}`);
  });
});
