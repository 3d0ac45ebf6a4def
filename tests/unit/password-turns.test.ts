import os from 'node:os';
import { describe, expect, it, vi } from 'vitest';

// Counts the hashes node:crypto runs at once; the hashing itself is the real scrypt.
const seen = vi.hoisted(() => ({ running: 0, most: 0, started: [] as string[] }));
vi.mock('node:crypto', async (original) => {
  const crypto = await original<typeof import('node:crypto')>();
  const scrypt = (password: string, salt: Buffer, keylen: number, options: object, done: (err: Error | null, key: Buffer) => void) => {
    seen.started.push(password);
    seen.most = Math.max(seen.most, ++seen.running);
    crypto.scrypt(password, salt, keylen, options, (err, key) => {
      seen.running--;
      done(err, key);
    });
  };
  return { ...crypto, default: { ...crypto, scrypt }, scrypt };
});

const { hashPassword, verifyPassword } = await import('../../server/features/auth/password');

describe('password hashes take turns', () => {
  it('runs no more than cores − 1 at once (at least one), in the order asked, every one verifying', async () => {
    const passwords = Array.from({ length: 6 }, (_, i) => `password-${i}`);
    const hashes = await Promise.all(passwords.map((p) => hashPassword(p, { N: 2 ** 12, r: 8, p: 1 })));
    expect(seen.most).toBe(Math.max(1, os.availableParallelism() - 1));
    expect(seen.started).toEqual(passwords);
    expect(await Promise.all(hashes.map((h, i) => verifyPassword(passwords[i]!, h)))).toEqual(passwords.map(() => true));
    expect(seen.running).toBe(0);
  });
});
