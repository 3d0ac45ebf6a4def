// A county's cells as offices type them: full-width digits and spaces made plain, numbers and
// codes read exactly (estimates and lost digits refused with the reason), phones, yes/no,
// lists and choices.
import { describe, expect, it } from 'vitest';
import { COMMUNITY_KIND_CHOICES, LAYER_SPECS } from '../../server/domain/layers';
import { say } from '../../server/domain/messages';
import {
  normaliseCell, parseCell, parseChoice, parseCode, parseCoordinate, parseInteger, parseList, parseNumber, parsePhone, parseYesNo, valueText, type Parsed,
} from '../../server/analysis/onboarding/cells';

const value = <T>(p: Parsed<T>) => ('value' in p ? p.value : `refused: ${p.problem.code}`);

describe('normaliseCell', () => {
  it('folds full-width letters, digits and the ideographic space, trims and collapses spaces, keeps line breaks', () => {
    expect(normaliseCell('　ＡＢＣ１２３　 ')).toBe('ABC123');
    expect(normaliseCell('江城街道   桃康社区 ')).toBe('江城街道 桃康社区');
    expect(normaliseCell('B001 \r\n\r\n  B002')).toBe('B001\nB002');
  });
});

describe('numbers written as text', () => {
  it('reads counts with thousands separators, full-width digits, a trailing .0, a unit or Chinese numerals', () => {
    expect(['1,234', '１２３', '12.0', '120人', ' 35 户', '十二', '-', ''].map((s) => value(parseInteger(s)))).toEqual([1234, 123, 12, 120, 35, 12, null, null]);
  });

  it('refuses estimates, fractions, negatives and words, saying which', () => {
    expect(['约120', '120左右', '100多', '1.2万', '100-120', '12.5', '-3', '若干', '1,23'].map((s) => value(parseInteger(s)))).toEqual([
      'refused: cell_approximate', 'refused: cell_approximate', 'refused: cell_approximate', 'refused: cell_approximate', 'refused: cell_approximate',
      'refused: cell_not_integer', 'refused: cell_negative', 'refused: cell_not_number', 'refused: cell_not_number',
    ]);
  });

  it('reads measures with their fraction and unit', () => {
    expect(['1,234.5', '300平方米', '２５０ｍ２', '0.5'].map((s) => value(parseNumber(s)))).toEqual([1234.5, 300, 250, 0.5]);
  });

  it('names the row, the field and the value in both languages', () => {
    const parsed = parseInteger('约120');
    if (!('problem' in parsed)) throw new Error('accepted');
    const params = { ...parsed.problem.params, row: 7, field: '户数', fieldEn: 'households' };
    expect(say({ code: parsed.problem.code, params }, 'zh')).toBe('第 7 行“户数”：“约120”是估计值，请填写确切的数');
    expect(say({ code: parsed.problem.code, params }, 'en')).toBe('row 7, households: "约120" is an estimate: write the exact number');
  });
});

describe('codes', () => {
  it('keeps every digit of a code Excel stored as a number, without its ".0"', () => {
    expect(['320981100001', '320981100001.0', '3.20981100001E+11', ' T01 ', '3209 8110 0001'].map((s) => value(parseCode(s)))).toEqual([
      '320981100001', '320981100001', '320981100001', 'T01', '320981100001',
    ]);
  });

  it('refuses a code whose scientific notation has lost digits, rather than padding it with zeros', () => {
    expect(value(parseCode('3.20981E+11'))).toBe('refused: cell_code_scientific');
  });
});

describe('phones', () => {
  it('strips the spaces, dashes and +86 of mobiles and writes landlines as area code-number', () => {
    expect(['138 1234 5678', '138-1234-5678', '+86 13812345678', '0523-81234567', '(0523)8123456', '010 12345678', '05238123456', '0523-8123456转801', '8123456'].map((s) => value(parsePhone(s)))).toEqual([
      '13812345678', '13812345678', '13812345678', '0523-81234567', '0523-8123456', '010-12345678', '0523-8123456', '0523-8123456-801', '8123456',
    ]);
  });

  it('refuses several numbers in one cell and what is no phone number', () => {
    expect(['13812345678、13912345678', '13812345678/0523-8123456', '1381234567', '电话'].map((s) => value(parsePhone(s)))).toEqual([
      'refused: cell_phones_several', 'refused: cell_phones_several', 'refused: cell_phone', 'refused: cell_phone',
    ]);
  });
});

describe('yes/no, lists and choices', () => {
  it('reads 是/否, Y/N, √/×, 1/0 and Excel booleans', () => {
    expect(['是', '否', 'Y', 'n', '√', '×', '1', '0', 'TRUE', ''].map((s) => value(parseYesNo(s)))).toEqual([true, false, true, false, true, false, true, false, true, null]);
    expect(value(parseYesNo('可能'))).toBe('refused: cell_yes_no');
  });

  it('splits lists on 、，,;； and line breaks', () => {
    expect(value(parseList('B001、B002，B003;B004；B005\nB006 ,'))).toEqual(['B001', 'B002', 'B003', 'B004', 'B005', 'B006']);
    expect(value(parseList(' '))).toBeNull();
  });

  it('matches a choice by any of its words after normalisation, and lists the choices when none fits', () => {
    expect(['农村社区', ' 城市社区 ', '村居合一（试点）', 'URBAN'].map((s) => value(parseChoice(s, COMMUNITY_KIND_CHOICES)))).toEqual(['rural', 'urban', 'village_residence', 'urban']);
    const refused = parseChoice('开发区', COMMUNITY_KIND_CHOICES);
    expect('problem' in refused && refused.problem.params).toEqual({ value: '开发区', choices: ['农村社区', '村居合一', '乡镇社区', '城市社区'] });
  });
});

describe('coordinates and references', () => {
  it('reads decimal degrees and degrees-minutes-seconds', () => {
    expect(value(parseCoordinate('120.1949462'))).toBe(120.1949462);
    expect(value(parseCoordinate('东经120°30′36″'))).toBeCloseTo(120.51, 9);
    expect(value(parseCoordinate("31°59'47.5\"N"))).toBeCloseTo(31.996528, 6);
  });

  it("reads a reference's code without Excel's trailing .0 and keeps a name as written", () => {
    const town = LAYER_SPECS.communities.fields.find((f) => f.name === 'town')!;
    expect(value(parseCell(town, '320981100.0'))).toBe('320981100');
    expect(value(parseCell(town, '江城街道 '))).toBe('江城街道');
  });
});

describe('valueText', () => {
  it('writes numbers whole and without float noise, dates as days and times of day as hh:mm', () => {
    expect([320981100001, 0.1 + 0.2, true, new Date(Date.UTC(2024, 5, 1)), new Date(Date.UTC(1899, 11, 30, 8, 30)), null].map(valueText)).toEqual([
      '320981100001', '0.3', 'TRUE', '2024-06-01', '08:30', '',
    ]);
  });
});
