// The organisation rule of the domain: the form follows the members at the report's thresholds,
// and every form has one name in each language.
import { describe, expect, it } from 'vitest';
import { FORM_NAMES, FORM_THRESHOLDS, formFor, formName, ORG_FORMS, perForm, sumForms, UNIT_FORMS } from '../../server/domain/organisations';

describe('formFor', () => {
  it('is 党支部 up to 49 members, 党总支 from 50 to 99, 党委 from 100', () => {
    expect([0, 1, 49, 50, 99, 100, 320].map(formFor)).toEqual(['党支部', '党支部', '党支部', '党总支', '党总支', '党委', '党委']);
  });

  it('changes form exactly at the published thresholds', () => {
    expect(formFor(FORM_THRESHOLDS.党总支 - 1)).toBe('党支部');
    expect(formFor(FORM_THRESHOLDS.党总支)).toBe('党总支');
    expect(formFor(FORM_THRESHOLDS.党委 - 1)).toBe('党总支');
    expect(formFor(FORM_THRESHOLDS.党委)).toBe('党委');
  });

  it('only ever gives a unit form, largest first in UNIT_FORMS', () => {
    expect(UNIT_FORMS).toEqual(['党委', '党总支', '党支部']);
    for (let m = 0; m <= 200; m++) expect(UNIT_FORMS).toContain(formFor(m));
  });
});

describe('form names', () => {
  it('names every form in Chinese (the form itself) and in English', () => {
    for (const f of ORG_FORMS) {
      expect(FORM_NAMES[f].zh).toBe(f);
      expect(FORM_NAMES[f].en).toMatch(/^[A-Z][A-Za-z ]+$/);
    }
    expect(new Set(ORG_FORMS.map((f) => FORM_NAMES[f].en)).size).toBe(ORG_FORMS.length);
  });

  it('renders a form in the reader\'s language, and an unknown one as it is', () => {
    expect(formName('党总支', 'zh')).toBe('党总支');
    expect(formName('党总支', 'en')).toBe(FORM_NAMES.党总支.en);
    expect(formName('临时党支部', 'en')).toBe('临时党支部');
  });
});

describe('perForm / sumForms', () => {
  it('makes one count for each unit form, and adds them up', () => {
    expect(perForm((f) => UNIT_FORMS.indexOf(f))).toEqual({ 党委: 0, 党总支: 1, 党支部: 2 });
    expect(sumForms({ 党委: 3, 党总支: 5, 党支部: 2 })).toBe(10);
  });
});
