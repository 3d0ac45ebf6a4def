// The jurisdiction rule, per role: admins edit every town, a planner only the account's towns,
// leaders read scenarios but edit nothing, hall staff see leads' phones in full and edit nothing.
import { describe, expect, it } from 'vitest';
import { editsTown, editsTowns, leadPhoneAccess, plans, readsScenarios, readsTowns, seesLeadPhone } from '../../server/domain/jurisdiction';
import { EDIT_REACH, hasTowns, ROLES, type Viewer } from '../../server/domain/roles';

const admin: Viewer = { role: 'admin', towns: [] };
const planner: Viewer = { role: 'planner', towns: ['T01', 'T02'] };
const leader: Viewer = { role: 'leader', towns: [] };
const staff: Viewer = { role: 'staff', towns: [] };

describe('editsTown / editsTowns', () => {
  it('lets an admin edit every town, a planner only the own towns, nobody else any', () => {
    expect([admin, planner, leader, staff].map((v) => [editsTown(v, 'T01'), editsTown(v, 'T09')])).toEqual([
      [true, true],
      [true, false],
      [false, false],
      [false, false],
    ]);
    expect(editsTown(null, 'T01')).toBe(false);
    expect(editsTown(undefined, 'T01')).toBe(false);
  });

  it('lets a planner edit a scenario only when every one of its towns is the planner\'s', () => {
    expect(editsTowns(planner, ['T01', 'T02'])).toBe(true);
    expect(editsTowns(planner, ['T01', 'T03'])).toBe(false);
    expect(editsTowns(admin, ['T01', 'T03'])).toBe(true);
    expect(editsTowns(leader, ['T01'])).toBe(false);
  });

  it('ignores towns on an account whose role has no own reach', () => {
    expect(editsTown({ role: 'leader', towns: ['T01'] }, 'T01')).toBe(false);
    expect(editsTown({ role: 'staff', towns: ['T01'] }, 'T01')).toBe(false);
  });
});

describe('readsTowns / readsScenarios / plans', () => {
  it('lets leaders read every scenario, the others as they edit', () => {
    expect([admin, planner, leader, staff].map((v) => [readsTowns(v, ['T01']), readsTowns(v, ['T01', 'T03'])])).toEqual([
      [true, true],
      [true, false],
      [true, true],
      [false, false],
    ]);
    expect(readsTowns(null, ['T01'])).toBe(false);
  });

  it('opens the scenarios page to leaders and planners, drafts and plans to admins and planners', () => {
    expect([admin, planner, leader, staff, null].map(readsScenarios)).toEqual([true, true, true, false, false]);
    expect([admin, planner, leader, staff, null].map(plans)).toEqual([true, true, false, false, false]);
  });
});

describe('leadPhoneAccess / seesLeadPhone', () => {
  it('shows staff the phone in full, lets editors of the town reveal it, masks it for the rest', () => {
    expect([admin, planner, leader, staff, null].map((v) => leadPhoneAccess(v, 'T01'))).toEqual(['revealable', 'revealable', 'masked', 'full', 'masked']);
    expect([admin, planner, leader, staff, null].map((v) => leadPhoneAccess(v, 'T09'))).toEqual(['revealable', 'masked', 'masked', 'full', 'masked']);
    expect([admin, planner, leader, staff].map((v) => seesLeadPhone(v, 'T09'))).toEqual([true, false, false, true]);
  });
});

describe('roles', () => {
  it('gives every role an edit reach, and only a planner towns', () => {
    expect(Object.keys(EDIT_REACH).sort()).toEqual([...ROLES].sort());
    expect(ROLES.filter(hasTowns)).toEqual(['planner']);
  });
});
