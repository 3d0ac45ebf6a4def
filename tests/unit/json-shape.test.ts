import { describe, expect, it } from 'vitest';
import { jsonShapeProblem } from '../../server/http/json-shape';

const bytes = (text: string) => new TextEncoder().encode(text);
const limits = { maxDepth: 3, maxKeys: 2, maxArrayLength: 3 };
const problem = (text: string) => jsonShapeProblem(bytes(text), limits);

describe('jsonShapeProblem', () => {
  it('passes documents within every limit', () => {
    expect(problem('{"a":[1,2,3],"b":{"c":[]}}')).toBeUndefined();
    expect(problem('[[[]],[],[{}]]')).toBeUndefined();
  });

  it('counts depth across objects and arrays, and names the limit', () => {
    expect(problem('[{"a":[]}]')).toBeUndefined();
    expect(problem('[{"a":[[]]}]')).toBe('JSON nested deeper than the limit of 3 levels');
  });

  it('counts keys per object and elements per array, not in total', () => {
    expect(problem('{"a":1,"b":2,"c":3}')).toBe('a JSON object has more than the limit of 2 keys');
    expect(problem('[1,2,3,4]')).toBe('a JSON array has more than the limit of 3 elements');
    expect(problem('[[1,2,3],[1,2,3],[1,2,3]]')).toBeUndefined();
    expect(problem('[{"a":1,"b":2},{"a":1,"b":2}]')).toBeUndefined();
  });

  it('ignores brackets, commas and escaped quotes inside strings', () => {
    expect(problem('{"a":"[[[[,,,,{{{{","b":"\\"[[[[\\\\"}')).toBeUndefined();
    expect(problem('["\\\\",[[[]]]]')).toBe('JSON nested deeper than the limit of 3 levels');
  });

  it('reads multi-byte UTF-8 text without mistaking its bytes for structure', () => {
    expect(problem('{"名":"网格,[{","b":["党支部","片区"]}')).toBeUndefined();
  });

  it('keeps the default limits at 32 levels, 1000 keys, 100000 elements', () => {
    expect(jsonShapeProblem(bytes('['.repeat(32) + ']'.repeat(32)))).toBeUndefined();
    expect(jsonShapeProblem(bytes('['.repeat(33) + ']'.repeat(33)))).toMatch(/limit of 32 levels/);
    expect(jsonShapeProblem(bytes(JSON.stringify(Array(100_001).fill(0))))).toMatch(/limit of 100000 elements/);
  });
});
