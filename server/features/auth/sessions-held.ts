// Who each session token belongs to, held in memory between the moments the database must be
// asked: every request names its session, and on the embedded database asking cost more than the
// look-up it came for. A held session is believed only until the first of its expiry, its idle
// end and its next last_seen write (at most a minute), and is forgotten the moment any write to
// its session or its user is heard (server/db/changes.ts): this process's as it ends, another
// process's before a request is answered (`catchUp`). So a logout, a disabled user or a new role
// takes effect as before, on every process.
import { onChange, SESSIONS_REGION, type Change } from '../../db/changes';
import type { Database } from '../../db/handle';

/** Enough for every signed-in user of a county; beyond it the oldest is asked for again. */
const MOST_HELD = 20_000;

/** Whoever a session is of: the auth service's user (its id is what a write to users names). */
interface User {
  id: string;
}

interface Held<U extends User> {
  user: U;
  /** Date.now() after which the database is asked again. */
  until: number;
}

export class SessionsHeld<U extends User = User> {
  private readonly byToken = new Map<string, Held<U>>();
  /** Counts forgettings: a read begun before one may be of a session that no longer exists. */
  private forgotten = 0;

  /** The user of a held session still within its time. */
  user(tokenHash: string): U | undefined {
    const held = this.byToken.get(tokenHash);
    if (!held) return undefined;
    if (Date.now() < held.until) return held.user;
    this.byToken.delete(tokenHash);
    return undefined;
  }

  /** A mark to hand `hold`: taken before the database is read. */
  mark(): number {
    return this.forgotten;
  }

  /** Holds what the database said at `mark`, unless something was forgotten since (it may be this). */
  hold(tokenHash: string, user: U, forMs: number, mark: number): void {
    if (mark !== this.forgotten || !(forMs > 0)) return;
    if (this.byToken.size >= MOST_HELD) this.byToken.delete(this.byToken.keys().next().value!);
    this.byToken.set(tokenHash, { user, until: Date.now() + forMs });
  }

  forget(change: Change): void {
    if (!change.everything && !change.sessions.length && !change.users.length) return;
    this.forgotten++;
    if (change.everything) return this.byToken.clear();
    for (const hash of change.sessions) this.byToken.delete(hash);
    if (!change.users.length) return;
    const users = new Set(change.users);
    for (const [hash, held] of this.byToken) if (users.has(held.user.id)) this.byToken.delete(hash);
  }
}

const byDatabase = new WeakMap<Database, Map<string, SessionsHeld>>();

/**
 * The city's held sessions on this database handle; undefined on a handle whose writes are not
 * heard. One kind of user is held per handle: the auth service's.
 */
export function sessionsHeld<U extends User>(db: Database, region: string): SessionsHeld<U> | undefined {
  let cities = byDatabase.get(db);
  if (!cities) {
    const made = new Map<string, SessionsHeld>();
    const heard = onChange(db, (change) => {
      for (const [city, held] of made) {
        if (change.region === '*' || change.region === city || change.region === SESSIONS_REGION) held.forget(change);
      }
    });
    // Without the hook nothing would ever be forgotten: hold nothing.
    if (!heard) return undefined;
    byDatabase.set(db, (cities = made));
  }
  let held = cities.get(region);
  if (!held) cities.set(region, (held = new SessionsHeld()));
  return held as SessionsHeld<U>;
}
