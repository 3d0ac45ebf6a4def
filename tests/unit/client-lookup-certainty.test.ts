import { describe, expect, it } from 'vitest';
import { certaintyNote } from '../../client/features/lookup/certainty';

describe('what an unsure answer says', () => {
  it('asks to check an approximate answer, with its reasons in the reader’s language', () => {
    const note = certaintyNote({ certainty: 'approximate', caveats: [{ code: 'lookup_sound_alike' as const, zh: '字音相近', en: 'sounds alike' }] }, 'en', 'No {asked} found; {estate} has {has}');
    expect(note).toEqual({ check: true, missing: null, reasons: ['sounds alike'] });
  });

  it('says a missing building plainly, with what the estate has, once', () => {
    const missing = { asked: '50幢', estate: '港洲新城', has: '1-36幢' };
    const caveats = [{ code: 'lookup_missing_part' as const, zh: '没有找到50幢；港洲新城有1-36幢', en: '' }];
    const note = certaintyNote({ certainty: 'approximate', missing, caveats }, 'zh', '没有找到 {asked}；{estate}有 {has}');
    expect(note).toEqual({ check: true, missing: '没有找到 50幢；港洲新城有 1-36幢', reasons: [] });
  });

  it('says nothing of an exact answer', () => {
    expect(certaintyNote({ certainty: 'exact', caveats: [] }, 'zh', '')).toEqual({ check: false, missing: null, reasons: [] });
  });
});
