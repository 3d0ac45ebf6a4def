import { describe, expect, it } from 'vitest';
import { readCookie, sessionCookie } from '../../server/features/auth/cookies';
import { hashPassword, needsRehash, verifyPassword } from '../../server/features/auth/password';

describe('password hashing', () => {
  it('verifies the right password and refuses others', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', a)).toBe(true);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('keeps the parameters in the hash, so older ones still verify and can be raised', async () => {
    const weak = await hashPassword('pw', { N: 2 ** 10, r: 8, p: 1 });
    expect(await verifyPassword('pw', weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword('pw'))).toBe(false);
  });

  it('treats the same text in another Unicode form as the same password', async () => {
    expect(await verifyPassword('ｐａｓｓ', await hashPassword('pass'))).toBe(true);
  });

  it('refuses malformed hashes instead of throwing', async () => {
    for (const bad of ['', 'plain', 'scrypt$x$8$1$abc$def', 'bcrypt$1$2$3$4$5', 'scrypt$1024$8$1$c2FsdA$']) {
      expect(await verifyPassword('pw', bad)).toBe(false);
    }
  });
});

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/, with Max-Age, and Secure only when asked', () => {
    expect(sessionCookie('tok', 3600, false)).toBe('gridmap_session=tok; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict');
    expect(sessionCookie('tok', 3600, true).endsWith('; Secure')).toBe(true);
  });

  it('is read back from a Cookie header among others', () => {
    expect(readCookie('a=1; gridmap_session=abc-_1; b=2', 'gridmap_session')).toBe('abc-_1');
    expect(readCookie('gridmap_sessionx=1', 'gridmap_session')).toBeUndefined();
    expect(readCookie(undefined, 'gridmap_session')).toBeUndefined();
  });
});
