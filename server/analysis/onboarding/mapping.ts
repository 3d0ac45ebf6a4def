// Which column holds which field: the user's last choice for the layer where its columns are
// still there, else the names offices write for the field (one of them exactly is sure; one
// inside the other is a guess), helped by what the values look like (11-digit mobiles, 12-digit
// codes, degrees of China's longitudes and latitudes). A column serves one field at most; a
// required field without a sure column is left for the user to confirm.
import type { LayerField, LayerSpec } from '../../domain/layers';
import { headerKeys } from './header-key';
import type { Column, Mapping } from './types';

export type Confidence = 'sure' | 'guess' | 'none';

export interface FieldSuggestion {
  column: string | null;
  confidence: Confidence;
  /** Columns that might hold the field, likeliest first. */
  candidates: string[];
}

export interface SuggestedMapping {
  mapping: Mapping;
  fields: Record<string, FieldSuggestion>;
  /** Required fields the user must choose or confirm. */
  unsure: string[];
}

const EXACT = 100;
const WITHIN = 10;
const LOOKS_LIKE = 15;

/** Every sampled value of a column passes `test` (spaces and dashes aside). */
const all = (samples: string[], test: (s: string) => boolean) => samples.length > 0 && samples.every((s) => test(s.replace(/[\s-]/g, '')));
const between = (low: number, high: number) => (s: string) => /^\d+(\.\d+)?$/.test(s) && Number(s) >= low && Number(s) <= high;

/** What a field's values look like, when that alone points to a column. */
const LOOKS: Partial<Record<LayerField['type'], (s: string) => boolean>> = {
  phone: (s) => /^1[3-9]\d{9}$/.test(s),
  code: (s) => /^\d{12}(\.0+)?$/.test(s),
  lng: between(73, 136),
  lat: between(3, 54),
  // Gauss-Krüger: six-digit eastings (eight with the zone), seven-digit northings.
  x: (s) => /^(\d{6}|[2-4]\d{7})(\.\d+)?$/.test(s),
  y: (s) => /^\d{7}(\.\d+)?$/.test(s),
};

/**
 * How well a column fits a field: one of the field's names exactly (earlier names a little
 * better, they are the more particular), one containing the other, and the values' look.
 */
function fit(field: LayerField, column: Column): { score: number; exact: boolean } {
  const names = [field.name, field.zh, ...field.headers].map((h) => headerKeys(h)[0]!);
  const keys = headerKeys(column.header);
  let score = 0;
  let exact = false;
  names.forEach((name, rank) => {
    if (keys.includes(name)) {
      exact = true;
      score = Math.max(score, EXACT - rank * 0.1);
    } else if (name.length >= 2 && keys.some((k) => k.includes(name) || (k.length >= 2 && name.includes(k)))) {
      score = Math.max(score, WITHIN - rank * 0.01);
    }
  });
  const looks = LOOKS[field.type];
  if (looks && all(column.samples, looks)) score += LOOKS_LIKE;
  return { score, exact };
}

export function suggestMapping(spec: LayerSpec, columns: Column[], remembered?: Mapping): SuggestedMapping {
  const headers = new Set(columns.map((c) => c.header));
  const fields: Record<string, FieldSuggestion> = {};
  const used = new Set<string>();
  const pairs: { field: LayerField; column: Column; score: number; exact: boolean }[] = [];
  for (const field of spec.fields) {
    for (const column of columns) {
      const { score, exact } = fit(field, column);
      if (score > 0) pairs.push({ field, column, score, exact });
    }
  }
  const candidatesOf = (field: LayerField) =>
    pairs.filter((p) => p.field === field).sort((a, b) => b.score - a.score || a.column.index - b.column.index).map((p) => p.column.header);

  // The user's choice stands while the file still has the column it names (or when it named none).
  for (const field of spec.fields) {
    const chosen = remembered?.[field.name];
    if (chosen === undefined || (chosen !== null && (!headers.has(chosen) || used.has(chosen)))) continue;
    if (chosen !== null) used.add(chosen);
    fields[field.name] = { column: chosen, confidence: chosen === null ? 'none' : 'sure', candidates: candidatesOf(field) };
  }
  pairs.sort((a, b) => b.score - a.score || spec.fields.indexOf(a.field) - spec.fields.indexOf(b.field) || a.column.index - b.column.index);
  for (const { field, column, exact } of pairs) {
    if (fields[field.name] || used.has(column.header)) continue;
    used.add(column.header);
    fields[field.name] = { column: column.header, confidence: exact ? 'sure' : 'guess', candidates: candidatesOf(field) };
  }
  for (const field of spec.fields) fields[field.name] ??= { column: null, confidence: 'none', candidates: candidatesOf(field) };
  return {
    mapping: Object.fromEntries(spec.fields.map((f) => [f.name, fields[f.name]!.column])),
    fields,
    unsure: spec.fields.filter((f) => f.required && fields[f.name]!.confidence !== 'sure').map((f) => f.name),
  };
}
