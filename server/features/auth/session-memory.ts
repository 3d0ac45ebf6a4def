// Who a session token belongs to, held in memory for a few seconds. Every request on /api and
// /tiles asks, and a SELECT each time was most of what a look-up cost (on PGlite a hop to its
// thread and the one connection every request shares). What ends a session is heard at once: a
// write to `users` (a logout, a login, a disabled account, a new role, a reset password) forgets
// every token held, here and, through data_changes, in the other processes. What no write says
// (the clock passing a session's expiry or idle limit, a row deleted by hand) is noticed when
// the hold runs out: at most `holdMs` late.
import type { Database } from '../../db/database';
import { onChange } from '../../db/changes';

/** The user as the caller (auth/service.ts) shaped it: this file imports nothing of it. */
interface Held {
  user: unknown;
  until: number;
}

const memories = new WeakMap<Database, Map<string, Held>>();

function memoryOf(db: Database): Map<string, Held> {
  let memory = memories.get(db);
  if (!memory) {
    const held = (memory = new Map());
    memories.set(db, held);
    onChange(db, (change) => {
      if (change.everything || change.tables.includes('users')) held.clear();
    });
  }
  return memory;
}

/** The user held for this token, if the hold has not run out. */
export function heldSession<User>(db: Database, tokenHash: string, now = Date.now()): User | undefined {
  const memory = memoryOf(db);
  const held = memory.get(tokenHash);
  if (held && held.until > now) return held.user as User;
  if (held) memory.delete(tokenHash);
  return undefined;
}

export function holdSession(db: Database, tokenHash: string, user: unknown, holdMs: number): void {
  if (holdMs <= 0) return;
  const memory = memoryOf(db);
  // Tokens that ran out are swept as new ones come, so a flood of logins cannot grow it for ever.
  if (memory.size >= 10_000) for (const [hash, held] of memory) if (held.until <= Date.now()) memory.delete(hash);
  memory.set(tokenHash, { user, until: Date.now() + holdMs });
}
