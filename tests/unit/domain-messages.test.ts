// The message catalogues are joined into one: a code written in two of them would silently take
// the later sentence, so each code must belong to exactly one.
import { describe, expect, it } from 'vitest';
import { CATALOGUES, MESSAGES } from '../../server/domain/messages';

describe('message catalogues', () => {
  it('give every code in one catalogue only', () => {
    const seen = new Map<string, number>();
    CATALOGUES.forEach((catalogue, i) => {
      for (const code of Object.keys(catalogue)) {
        expect(seen.has(code), `${code} is in catalogues ${seen.get(code)} and ${i}`).toBe(false);
        seen.set(code, i);
      }
    });
    expect(seen.size).toBe(Object.keys(MESSAGES).length);
  });

});
