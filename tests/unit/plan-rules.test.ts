// The pure parts of a plan's save: its mode, duplicate names, staleness, and coverage of the
// community's buildings by a painting.
import { describe, expect, it } from 'vitest';
import { areaRef, areaTotals, coverageProblems, duplicateProblem, paintingProblems, planMode, PlanInputError, staleness } from '../../server/analysis/plan-rules';

const square = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };

describe('planMode', () => {
  it('is painted, drawn or kept when every area gives its outline the same way', () => {
    expect(planMode([{ id: 'A', version: 1, buildings: ['b1'] }, { buildings: [] }])).toBe('painted');
    expect(planMode([{ id: 'A', version: 1, geometry: square }, { geometry: square }])).toBe('drawn');
    expect(planMode([{ id: 'A', version: 1 }])).toBe('kept');
    expect(planMode([])).toBe('kept');
  });

  it('refuses mixed modes and a new area without an outline', () => {
    expect(() => planMode([{ id: 'A', version: 1, buildings: [] }, { id: 'B', version: 1, geometry: square }])).toThrow(/drawn and painted/);
    expect(() => planMode([{ id: 'A', version: 1, buildings: [] }, { id: 'B', version: 1 }])).toThrow(PlanInputError);
    expect(() => planMode([{ id: 'A', version: 1 }, {}])).toThrow(/areas\.1: a new area needs geometry or buildings/);
  });
});

describe('duplicateProblem', () => {
  it('names an area listed twice, in areas or across areas and removed, and a building twice in one area', () => {
    expect(duplicateProblem([{ id: 'A' }, { id: 'B' }, {}], [{ id: 'C' }])).toBeUndefined();
    expect(duplicateProblem([{ id: 'A' }, { id: 'A' }], [])).toMatch(/"A"/);
    expect(duplicateProblem([{ id: 'A' }], [{ id: 'A' }])).toMatch(/"A"/);
    expect(duplicateProblem([{ id: 'A', buildings: ['b1', 'b1'] }], [])).toMatch(/areas\.0\.buildings/);
  });
});

describe('staleness', () => {
  it('finds versions that moved on, areas gone, and areas the client did not know', () => {
    const current = [{ id: 'A', version: 2 }, { id: 'B', version: 1 }, { id: 'C', version: 5 }];
    expect(staleness(current, [{ id: 'A', version: 2 }, { id: 'B', version: 1 }, { id: 'C', version: 5 }])).toEqual({ stale: [], unlisted: [] });
    expect(staleness(current, [{ id: 'A', version: 1 }, { id: 'B', version: 1 }, { id: 'X', version: 1 }])).toEqual({ stale: ['A', 'X'], unlisted: ['C'] });
  });
});

describe('painting and coverage', () => {
  const community = new Set(['b1', 'b2', 'b3', 'b4']);
  const elsewhere = new Map([['z9', 'C-OTHER']]);

  it('names unknown buildings and another community\'s, and keeps only the own ones as covered', () => {
    const { problems, coveredBy } = paintingProblems([{ ref: 'A', buildings: ['b1', 'nope', 'z9'] }, { ref: '#1', buildings: ['b2', 'b3'] }], community, elsewhere);
    expect(problems).toEqual([
      expect.objectContaining({ rule: 'unknown_building', areas: ['A'], buildings: ['nope'] }),
      expect.objectContaining({ rule: 'building_of_other_community', areas: ['A'], buildings: ['z9'], message: expect.stringContaining('C-OTHER') }),
    ]);
    expect([...coveredBy]).toEqual([['b1', ['A']], ['b2', ['#1']], ['b3', ['#1']]]);
  });

  it('finds buildings in no area and buildings in several, grouped by which areas', () => {
    const coveredBy = new Map([['b1', ['A']], ['b2', ['A', 'B']], ['b3', ['B', 'A']]]);
    expect(coverageProblems(['b1', 'b2', 'b3', 'b4'], coveredBy)).toEqual([
      expect.objectContaining({ rule: 'building_uncovered', areas: [], buildings: ['b4'] }),
      expect.objectContaining({ rule: 'building_in_several_areas', areas: ['A', 'B'], buildings: ['b2', 'b3'] }),
    ]);
    expect(coverageProblems(['b1'], new Map([['b1', ['A']]]))).toEqual([]);
  });

  it('totals each area over the buildings it holds', () => {
    const buildings = [
      { id: 'b1', households: 10, population: 25, partyMembers: 2 },
      { id: 'b2', households: 4, population: 9, partyMembers: 1 },
      { id: 'b3', households: 1, population: 1, partyMembers: 0 },
    ];
    const totals = areaTotals(['A', 'B'], buildings, new Map([['b1', ['A']], ['b2', ['A']], ['b3', ['B']]]));
    expect(totals.get('A')).toEqual({ buildings: 2, households: 14, population: 34, partyMembers: 3 });
    expect(totals.get('B')).toEqual({ buildings: 1, households: 1, population: 1, partyMembers: 0 });
  });

  it('refers to new areas by their place in the request', () => {
    expect(areaRef({ id: 'A-1' }, 3)).toBe('A-1');
    expect(areaRef({}, 3)).toBe('#3');
  });
});
