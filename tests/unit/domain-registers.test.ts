// The registers' rules of the domain: which organisation fields their units decide, when a hand
// edit of a form is a warning, what a building cannot hold, and when a split's parts differ.
import { describe, expect, it } from 'vitest';
import { say } from '../../server/domain/messages';
import { buildingFindings, followedOrganisationFields, organisationFindings, splitFindings } from '../../server/domain/registers';

const org = (level: number, form: string, members: number) => ({ name: '某社区党总支', level, form, members });

describe('organisations', () => {
  it('leaves levels 1 and 2 to the editor, while an area’s and a group’s members and form follow their buildings', () => {
    expect([1, 2, 3, 4].map(followedOrganisationFields)).toEqual([[], [], ['members', 'form'], ['members', 'form']]);
  });

  it('warns, by the organisation’s id, when an edit leaves the form behind its members', () => {
    const [warning] = organisationFindings('P2-C001', org(2, '党总支', 60), org(2, '党总支', 100));
    expect(warning).toEqual({ code: 'register_form_mismatch', severity: 'warning', ids: ['P2-C001'], params: { name: '某社区党总支', form: '党总支', members: 100, expected: '党委' } });
    expect(say(warning!, 'zh')).toBe('党组织“某社区党总支”有党员 100 名，按规定应为党委，现填为党总支：请核对，或确认接受此项后保存');
  });

  it('says nothing of a form that matches, of an edit that leaves form and members alone, or of an area’s organisation', () => {
    expect(organisationFindings('P2-C001', org(2, '党总支', 60), org(2, '党委', 100))).toEqual([]);
    expect(organisationFindings('P2-C001', org(2, '党支部', 80), { ...org(2, '党支部', 80), name: '新名' })).toEqual([]);
    expect(organisationFindings('P3-A1', org(3, '党支部', 10), org(3, '党支部', 200))).toEqual([]);
  });
});

describe('buildings', () => {
  it('refuses more households or party members than people, each named', () => {
    expect(buildingFindings('B1', { address: '某花苑1幢', households: 3, population: 10, partyMembers: 10 })).toEqual([]);
    expect(buildingFindings('B1', { address: '某花苑1幢', households: 11, population: 10, partyMembers: 12 }).map((f) => [f.severity, f.params.figure])).toEqual([
      ['error', 'households'],
      ['error', 'partyMembers'],
    ]);
  });

  it('warns when a split’s parts do not add up, naming each figure before and after', () => {
    const whole = { households: 10, population: 30, partyMembers: 4 };
    expect(splitFindings('B1', '某花苑1幢', whole, [{ households: 5, population: 15, partyMembers: 2 }, { households: 5, population: 15, partyMembers: 2 }])).toEqual([]);
    const [warning] = splitFindings('B1', '某花苑1幢', whole, [{ households: 5, population: 15, partyMembers: 2 }, { households: 4, population: 15, partyMembers: 3 }]);
    expect(warning).toMatchObject({ code: 'register_split_totals', severity: 'warning', ids: ['B1'], params: { figures: ['households', 'partyMembers'], before: [10, 4], after: [9, 5] } });
    expect(say(warning!, 'zh')).toContain('户数 10 → 9、党员数 4 → 5');
  });
});
