import { describe, expect, it } from 'vitest';
import { readPublicUrl } from '../../server/config';
import { coveredEstates, numberRuns } from '../../server/features/cards/covers';

describe('what a service card covers', () => {
  it('folds building numbers into runs, in order and once each', () => {
    expect(numberRuns([3, 1, 2, 15, 12, 4, 5, 6, 7, 8, 9, 10, 11, 2], '幢')).toBe('1-12幢、15幢');
    expect(numberRuns([7], '号')).toBe('7号');
  });

  it('names a village group held whole alone, and lists the houses of one held in part', () => {
    const group = (number: number, estateSize: number) => ({ estate: '殷巷村四组', concentrated: false, estateSize, number });
    const block = (number: number) => ({ estate: '港洲新城', concentrated: true, estateSize: 36, number });
    expect(coveredEstates([block(1), block(2), group(1, 2), group(2, 2), block(5)])).toEqual([
      { estate: '港洲新城', buildings: '1-2幢、5幢' },
      { estate: '殷巷村四组', buildings: '' },
    ]);
    expect(coveredEstates([group(3, 9), group(4, 9)])).toEqual([{ estate: '殷巷村四组', buildings: '3-4号' }]);
  });
});

describe('GRIDMAP_PUBLIC_URL', () => {
  it('is the address without a trailing slash, or nothing when unset', () => {
    expect(readPublicUrl({ GRIDMAP_PUBLIC_URL: 'http://10.1.2.3:3000/' })).toBe('http://10.1.2.3:3000');
    expect(readPublicUrl({ GRIDMAP_PUBLIC_URL: 'https://grid.example.cn/gm' })).toBe('https://grid.example.cn/gm');
    expect(readPublicUrl({})).toBeUndefined();
  });

  it('refuses what a phone could not open, in Chinese first', () => {
    for (const value of ['10.1.2.3:3000', 'ftp://x.cn', 'http://x.cn/?a=1', 'not a url']) {
      expect(() => readPublicUrl({ GRIDMAP_PUBLIC_URL: value }), value).toThrow(expect.objectContaining({ fault: { code: 'config_bad_public_url', params: { value } } }));
    }
  });
});
