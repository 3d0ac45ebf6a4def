import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Change } from '../../server/db/changes';
import type { AuthUser } from '../../server/features/auth/service';
import { SessionsHeld } from '../../server/features/auth/sessions-held';

const user = (id: string): AuthUser => ({ id, username: id, displayName: id, role: 'staff', towns: [], areas: [] });
const change = (part: Partial<Change>): Change => ({ region: 'c', everything: false, tables: [], buildings: [], sessions: [], users: [], ...part });

afterEach(() => vi.useRealTimers());

describe('sessions held in memory', () => {
  it('believes a held session only until its time is up', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const held = new SessionsHeld();
    held.hold('t1', user('u1'), 60_000, held.mark());
    expect(held.user('t1')?.id).toBe('u1');
    vi.advanceTimersByTime(59_999);
    expect(held.user('t1')?.id).toBe('u1');
    vi.advanceTimersByTime(1);
    expect(held.user('t1')).toBeUndefined();
  });

  it('forgets a session written, every session of a user written, and everything on a restore', () => {
    const held = new SessionsHeld();
    held.hold('a1', user('a'), 60_000, held.mark());
    held.hold('a2', user('a'), 60_000, held.mark());
    held.hold('b1', user('b'), 60_000, held.mark());
    held.hold('c1', user('c'), 60_000, held.mark());
    held.forget(change({ tables: ['buildings'], buildings: ['x'] }));
    expect(['a1', 'a2', 'b1', 'c1'].map((t) => held.user(t)?.id)).toEqual(['a', 'a', 'b', 'c']);
    held.forget(change({ tables: ['sessions'], sessions: ['b1'] }));
    expect(held.user('b1')).toBeUndefined();
    held.forget(change({ tables: ['users'], users: ['a'] }));
    expect([held.user('a1'), held.user('a2')]).toEqual([undefined, undefined]);
    expect(held.user('c1')?.id).toBe('c');
    held.forget(change({ region: '*', everything: true }));
    expect(held.user('c1')).toBeUndefined();
  });

  it('does not hold what was read before a session or user was forgotten (the read may be of an ended session)', () => {
    const held = new SessionsHeld();
    const before = held.mark();
    held.forget(change({ tables: ['sessions'], sessions: ['t1'] }));
    held.hold('t1', user('u1'), 60_000, before);
    expect(held.user('t1')).toBeUndefined();
    held.hold('t1', user('u1'), 60_000, held.mark());
    expect(held.user('t1')?.id).toBe('u1');
  });

  it('holds nothing whose time is already up', () => {
    const held = new SessionsHeld();
    held.hold('t1', user('u1'), 0, held.mark());
    held.hold('t2', user('u2'), -5, held.mark());
    held.hold('t3', user('u3'), Number.NaN, held.mark());
    expect([held.user('t1'), held.user('t2'), held.user('t3')]).toEqual([undefined, undefined, undefined]);
  });
});
