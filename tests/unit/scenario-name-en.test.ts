// A new community's default English name is its pinyin in the grid's style, not the Chinese again.
import { describe, expect, it } from 'vitest';
import { communityNameEn } from '../../server/analysis/name-en';

describe('communityNameEn', () => {
  it('writes the pinyin as one capitalised word and the 社区 suffix as "Community"', () => {
    expect(communityNameEn('沿江社区')).toBe('Yanjiang Community');
    expect(communityNameEn('合并社区')).toBe('Hebing Community');
    expect(communityNameEn(' 新港 ')).toBe('Xingang');
  });

  it('separates a syllable starting with a, o or e by an apostrophe, as the demo names do', () => {
    expect(communityNameEn('永安社区')).toBe("Yong'an Community");
    expect(communityNameEn('西安')).toBe("Xi'an");
  });

  it('keeps digits and Latin letters, and never answers Chinese', () => {
    expect(communityNameEn('新城2社区')).toBe('Xincheng2 Community');
    expect(communityNameEn('滨江新区')).not.toMatch(/\p{Script=Han}/u);
  });
});
