// The rule book of residents' requests: which step each status allows and what it leaves,
// when a request is late and how far up it goes, on-time judgments, tickets a resident can
// type back, masking, the categories' deadlines and their configuration, and who may do what.
import { describe, expect, it } from 'vitest';
import { assignsRequest, handlesRequest, readsRequest, reopensRequest, requesterAccess } from '../../server/domain/jurisdiction';
import { maskName, maskPhone } from '../../server/domain/masking';
import { DEFAULT_DEADLINES, deadlinesInOrder, REQUEST_CATEGORIES } from '../../server/domain/request-categories';
import {
  closedOnTime, escalationDue, nextStatus, normaliseTicket, REQUEST_STATUSES, REQUEST_STEPS, respondedOnTime, TICKET_ALPHABET, ticketFrom, type Timing,
} from '../../server/domain/requests';
import type { Viewer } from '../../server/domain/roles';
import { readRequestSettings } from '../../server/features/requests/settings';
import { ConfigError } from '../../server/config';

describe('steps and statuses', () => {
  it('allows each step only from the statuses the table names, leaving the status it says', () => {
    const table = Object.fromEntries(REQUEST_STEPS.map((step) => [step, Object.fromEntries(REQUEST_STATUSES.map((s) => [s, nextStatus(step, s)]))]));
    expect(table).toEqual({
      accept: { received: null, assigned: 'in_progress', in_progress: null, closed: null, reopened: 'in_progress' },
      reply: { received: null, assigned: 'in_progress', in_progress: 'in_progress', closed: null, reopened: 'in_progress' },
      note: { received: null, assigned: 'assigned', in_progress: 'in_progress', closed: null, reopened: 'reopened' },
      close: { received: null, assigned: 'closed', in_progress: 'closed', closed: null, reopened: 'closed' },
      assign: { received: 'assigned', assigned: 'assigned', in_progress: 'assigned', closed: null, reopened: 'assigned' },
      reopen: { received: null, assigned: null, in_progress: null, closed: 'reopened', reopened: null },
      rate: { received: null, assigned: null, in_progress: null, closed: 'closed', reopened: null },
    });
  });
});

describe('lateness', () => {
  const H = 3_600_000;
  const t = (over: Partial<Timing> = {}): Timing => ({ status: 'assigned', respondBy: 4 * H, closeBy: 48 * H, townBy: 96 * H, respondedAt: null, ...over });

  it('stays with the lead before any deadline, goes to the community when the response or the closing is late, to the town past its deadline', () => {
    expect([3, 4, 47, 48, 96].map((h) => escalationDue(t(), h * H))).toEqual([0, 1, 1, 1, 2]);
    expect([5, 47, 48, 96].map((h) => escalationDue(t({ status: 'in_progress', respondedAt: 2 * H }), h * H))).toEqual([0, 0, 1, 2]);
    expect(escalationDue(t({ status: 'closed' }), 500 * H)).toBe(0);
  });

  it('judges a response and a closing in time, late, or not yet', () => {
    expect([respondedOnTime({ respondBy: 4, respondedAt: 3 }, 10), respondedOnTime({ respondBy: 4, respondedAt: 5 }, 10)]).toEqual([true, false]);
    expect([respondedOnTime({ respondBy: 4, respondedAt: null }, 3), respondedOnTime({ respondBy: 4, respondedAt: null }, 5)]).toEqual([null, false]);
    expect([closedOnTime({ closeBy: 4, closedAt: 4 }, 9), closedOnTime({ closeBy: 4, closedAt: null }, 3), closedOnTime({ closeBy: 4, closedAt: null }, 5)]).toEqual([true, null, false]);
  });
});

describe('tickets', () => {
  it('are two groups of four characters a resident can read out, typed back in any case, with or without the dash', () => {
    const ticket = ticketFrom([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.99]);
    expect(ticket).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(TICKET_ALPHABET).not.toMatch(/[01ILOU]/);
    expect(normaliseTicket(` ${ticket.replace('-', '').toLowerCase()} `)).toBe(ticket);
    expect(normaliseTicket('ＫＭ２３-ＡＢＣＤ')).toBe('KM23-ABCD');
    expect([normaliseTicket('K0M2-3ABC'), normaliseTicket('SHORT'), normaliseTicket('')]).toEqual([null, null, null]);
  });
});

describe('masking', () => {
  it('keeps the first character of a name and the ends of a phone', () => {
    expect([maskName('张三丰'), maskName('欧阳娜娜'), maskName('李'), maskName('  ')]).toEqual(['张**', '欧***', '李*', '']);
    expect([maskPhone('13812341234'), maskPhone('110')]).toEqual(['138****1234', '****']);
  });
});

describe('deadlines', () => {
  it('give every category a response before its closing before the town', () => {
    expect(REQUEST_CATEGORIES.filter((c) => !deadlinesInOrder(DEFAULT_DEADLINES[c]))).toEqual([]);
  });

  it('take a deployment’s hours for some categories, and refuse JSON that is not, an unknown category or hours out of order', () => {
    const s = readRequestSettings({ GRIDMAP_REQUEST_DEADLINES: '{"repair":{"respond":2},"legal":{"respond":48,"close":240,"town":480}}', GRIDMAP_REQUEST_PURGE_DAYS: '90' });
    expect([s.deadlines.repair, s.deadlines.legal, s.deadlines.elderly, s.purgeDays]).toEqual([
      { respond: 2, close: 48, town: 96 }, { respond: 48, close: 240, town: 480 }, DEFAULT_DEADLINES.elderly, 90,
    ]);
    for (const raw of ['{repair', '[]', '{"weather":{"respond":1}}', '{"repair":{"respond":100}}', '{"repair":{"respond":"soon"}}']) {
      expect(() => readRequestSettings({ GRIDMAP_REQUEST_DEADLINES: raw }), raw).toThrow(ConfigError);
    }
    expect(() => readRequestSettings({ GRIDMAP_REQUEST_PURGE_DAYS: '0' })).toThrow(ConfigError);
  });
});

describe('who may do what with a request', () => {
  const lead: Viewer = { role: 'lead', towns: [], areas: ['A1'] };
  const planner: Viewer = { role: 'planner', towns: ['T1'] };
  const admin: Viewer = { role: 'admin', towns: [] };
  const staff: Viewer = { role: 'staff', towns: [] };
  const leader: Viewer = { role: 'leader', towns: [] };
  const inA1 = { townId: 'T1', areaId: 'A1' };
  const inA2 = { townId: 'T2', areaId: 'A2' };
  const unplaced = { townId: null, areaId: null };
  const roles = [lead, planner, admin, staff, leader];

  it('lets the area’s lead and the town’s planners read and handle it; admins, staff and leaders read every one', () => {
    expect(roles.map((v) => [readsRequest(v, inA1), readsRequest(v, inA2), handlesRequest(v, inA1), handlesRequest(v, inA2)])).toEqual([
      [true, false, true, false],
      [true, false, true, false],
      [true, true, true, true],
      [true, true, false, false],
      [true, true, false, false],
    ]);
    expect(readsRequest({ role: 'lead', towns: [] }, inA1)).toBe(false);
  });

  it('lets the town’s staff move and reopen it, hall staff place an unplaced one, and only those who act reveal the resident', () => {
    expect(roles.map((v) => [assignsRequest(v, inA1, 'T1'), assignsRequest(v, inA1, 'T2'), assignsRequest(v, unplaced, 'T1'), reopensRequest(v, inA1)])).toEqual([
      [false, false, false, false],
      [true, false, true, true],
      [true, true, true, true],
      [false, false, true, false],
      [false, false, false, false],
    ]);
    expect(roles.map((v) => requesterAccess(v, inA1))).toEqual(['revealable', 'revealable', 'revealable', 'masked', 'masked']);
  });
});
