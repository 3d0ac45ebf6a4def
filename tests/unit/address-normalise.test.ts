import { describe, expect, it } from 'vitest';
import { canonicalAddress, chineseNumber } from '../../server/analysis/address/normalise';
import { parseAddress, stripPrefixes } from '../../server/analysis/address/parse';
import { isLatin, spoken } from '../../server/analysis/address/pinyin';

describe('chineseNumber', () => {
  it('reads the numerals residents write', () => {
    expect(['三', '十', '十二', '二十', '三十五', '一百', '三百零二', '三零一', '两'].map(chineseNumber)).toEqual([3, 10, 12, 20, 35, 100, 302, 301, 2]);
  });
  it('refuses text that is not a numeral', () => {
    expect(chineseNumber('三河')).toBeNull();
  });
});

describe('canonicalAddress', () => {
  it('folds full-width digits, letters, punctuation and the ideographic space', () => {
    expect(canonicalAddress('港洲新城　３幢（Ａ座）')).toBe(canonicalAddress('港洲新城 3幢(a座)'));
    expect(canonicalAddress('港洲新城　３幢')).toBe('港洲新城3幢');
  });
  it('writes every building marker as 幢', () => {
    for (const marker of ['幢', '栋', '号楼', '座', '#']) expect(canonicalAddress(`港洲新城12${marker}`)).toBe('港洲新城12幢');
  });
  it('turns Chinese numerals before a counted word into digits, and leaves names alone', () => {
    expect(canonicalAddress('三河镇港洲新城十二栋三单元')).toBe('三河镇港洲新城12幢3单元');
    expect(canonicalAddress('徐河村二组五号')).toBe('徐河村2组5号');
  });
  it('drops spaces and punctuation but keeps a hyphen between numbers', () => {
    expect(canonicalAddress('港洲新城, 3 - 2 - 301。')).toBe('港洲新城3-2-301');
  });
});

describe('parseAddress', () => {
  const prefixes = ['江苏省', '江苏', '滨江市', '滨江', '长泾镇'];
  it('splits the register form into place and building', () => {
    expect(parseAddress('江苏省滨江市长泾镇长泾社区港洲新城3幢', prefixes)).toEqual({ place: '长泾社区港洲新城', building: 3, unit: null, room: null });
  });
  it('reads units and rooms in the forms residents use, so the building is still found', () => {
    const want = { place: '港洲新城', building: 3, unit: 2, room: 301 };
    expect(parseAddress('港洲新城3号楼2单元301室', prefixes)).toEqual(want);
    expect(parseAddress('港洲新城3-2-301', prefixes)).toEqual(want);
    expect(parseAddress('港洲新城三栋二单元301', prefixes)).toEqual(want);
    expect(parseAddress('港洲新城3幢301号', prefixes)).toEqual({ ...want, unit: null });
  });
  it('reads a farmhouse number (号) and a bare trailing number', () => {
    expect(parseAddress('滨江市永安镇长和村徐河村二组5号', [...prefixes, '永安镇'])).toMatchObject({ place: '长和村徐河村2组', building: 5 });
    expect(parseAddress('港洲新城 7', prefixes)).toMatchObject({ place: '港洲新城', building: 7 });
  });
  it('leaves a place without a number whole', () => {
    expect(parseAddress('蒋庄村')).toEqual({ place: '蒋庄村', building: null, unit: null, room: null });
  });
  it('makes province, city and town optional: with or without them the place is the same', () => {
    const full = parseAddress('江苏省滨江市长泾镇长泾社区港洲新城3幢', prefixes);
    for (const q of ['滨江市长泾镇长泾社区港洲新城3幢', '江苏滨江长泾社区港洲新城3幢', '长泾镇长泾社区港洲新城3幢', '长泾社区港洲新城3幢']) {
      expect(parseAddress(q, prefixes)).toEqual(full);
    }
  });
});

describe('stripPrefixes', () => {
  it('removes any 省 and 市 even when not known, but never the whole text', () => {
    expect(stripPrefixes('浙江省杭州市西湖花苑', [])).toBe('西湖花苑');
    expect(stripPrefixes('滨江市', [])).toBe('滨江市');
  });
});

describe('spoken', () => {
  it('gives sound-alike names the same pinyin and their initials', () => {
    expect(spoken('港州新城').full).toBe(spoken('港洲新城').full);
    expect(spoken('港洲新城2组')).toEqual({ full: 'gangzhouxincheng2zu', initials: 'gzxc2z' });
  });
  it('tells Latin queries from Chinese ones', () => {
    expect([isLatin('gzxc'), isLatin('gzxc3'), isLatin('港洲'), isLatin('123')]).toEqual([true, true, false, false]);
  });
});
