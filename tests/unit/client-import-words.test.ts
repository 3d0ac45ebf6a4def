// The import wizard's few sentences of facts: placeholders filled (every time they occur), layer
// and field names in the reader's language, skipped lines with why, a staged value as a cell,
// and why nothing was loaded.
import { describe, expect, it } from 'vitest';
import { LAYER_SPECS } from '../../server/domain/layers';
import { cellText, fieldName, fill, layerName, loadText, skippedLines } from '../../client/features/import/words';

describe('words', () => {
  it('fills every placeholder, however often it occurs', () => {
    expect(fill('{n} 行，共 {n} 行（{file}）', { n: 3, file: 'a.xlsx' })).toBe('3 行，共 3 行（a.xlsx）');
  });

  it('names layers and fields in the reader’s language from the rule book', () => {
    expect([layerName('villages', 'zh'), layerName('villages', 'en')]).toEqual(['行政村（撤并前）', 'Villages before consolidation']);
    const lead = LAYER_SPECS.areas.fields.find((f) => f.name === 'lead')!;
    expect([fieldName(lead, 'zh'), fieldName(lead, 'en')]).toEqual(['片区负责人', 'lead']);
  });

  it('lists skipped lines with their reasons in either language, an unknown reason as it came', () => {
    const skipped = [{ line: 1, reason: 'title' }, { line: 15, reason: 'blank' }, { line: 40, reason: 'odd' }];
    expect(skippedLines(skipped, { title: '标题', blank: '空行' }, 'zh')).toBe('1（标题）、15（空行）、40（odd）');
    expect(skippedLines(skipped, { title: 'title', blank: 'blank' }, 'en')).toBe('1 (title), 15 (blank), 40 (odd)');
  });

  it('shows lists joined, yes and no in words, and nothing as blank', () => {
    expect([cellText(['B1', 'B2'], 'zh'), cellText(['B1', 'B2'], 'en'), cellText(true, 'zh'), cellText(false, 'en'), cellText(null, 'zh'), cellText(12, 'zh')]).toEqual(['B1、B2', 'B1, B2', '是', 'no', '', '12']);
  });
});

describe('why nothing was loaded', () => {
  const texts = { signIn: '请登录', forbidden: '不能导入', notFound: '没有找到', failed: '加载失败：' };
  it('says sign in, forbidden and not found in the page’s words, and a failure with its reason', () => {
    expect([loadText('signIn', texts), loadText('forbidden', texts), loadText('notFound', texts), loadText({ failed: '数据库暂时无法连接' }, texts)]).toEqual([
      '请登录', '不能导入', '没有找到', '加载失败：数据库暂时无法连接',
    ]);
  });
});
