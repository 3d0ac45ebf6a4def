import { describe, expect, it } from 'vitest';
import { say } from '../../server/domain/messages';
import { jsonShapeProblem, type JsonShapeLimits } from '../../server/http/json-shape';

const bytes = (text: string) => new TextEncoder().encode(text);
const limits = { maxDepth: 3, maxKeys: 2, maxArrayLength: 3 };
/** The problem in English, as the API's errorEn says it. */
function problem(text: string, within?: JsonShapeLimits): string | undefined {
  const found = jsonShapeProblem(bytes(text), within);
  return found && say(found, 'en');
}
const limited = (text: string) => problem(text, limits);

describe('jsonShapeProblem', () => {
  it('passes documents within every limit', () => {
    expect(limited('{"a":[1,2,3],"b":{"c":[]}}')).toBeUndefined();
    expect(limited('[[[]],[],[{}]]')).toBeUndefined();
  });

  it('counts depth across objects and arrays, and names the limit', () => {
    expect(limited('[{"a":[]}]')).toBeUndefined();
    expect(limited('[{"a":[[]]}]')).toBe('JSON nested deeper than the limit of 3 levels');
  });

  it('counts keys per object and elements per array, not in total', () => {
    expect(limited('{"a":1,"b":2,"c":3}')).toBe('a JSON object has more than the limit of 2 keys');
    expect(limited('[1,2,3,4]')).toBe('a JSON array has more than the limit of 3 elements');
    expect(limited('[[1,2,3],[1,2,3],[1,2,3]]')).toBeUndefined();
    expect(limited('[{"a":1,"b":2},{"a":1,"b":2}]')).toBeUndefined();
  });

  it('ignores brackets, commas and escaped quotes inside strings', () => {
    expect(limited('{"a":"[[[[,,,,{{{{","b":"\\"[[[[\\\\"}')).toBeUndefined();
    expect(limited('["\\\\",[[[]]]]')).toBe('JSON nested deeper than the limit of 3 levels');
  });

  it('reads multi-byte UTF-8 text without mistaking its bytes for structure', () => {
    expect(limited('{"名":"网格,[{","b":["党支部","片区"]}')).toBeUndefined();
  });

  it('keeps the default limits at 32 levels, 1000 keys, 100000 elements', () => {
    expect(problem('['.repeat(32) + ']'.repeat(32))).toBeUndefined();
    expect(problem('['.repeat(33) + ']'.repeat(33))).toMatch(/limit of 32 levels/);
    expect(problem(JSON.stringify(Array(100_001).fill(0)))).toMatch(/limit of 100000 elements/);
  });
});
