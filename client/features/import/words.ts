// The few ways the wizard puts the server's facts into words: a sentence's {placeholders}, a
// layer's and a field's name in the reader's language, a table file's skipped lines, a staged
// value as a cell, and why something could not be loaded.
import { LAYER_SPECS, type ImportLayer } from '../../../server/domain/layers';
import type { LoadProblem } from '../../shared/api/client';
import type { Locale } from '../../shared/i18n';

export const fill = (text: string, values: Record<string, string | number>): string =>
  Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), text);

export const layerName = (layer: ImportLayer, locale: Locale): string => (locale === 'en' ? LAYER_SPECS[layer].en : LAYER_SPECS[layer].zh);

export const fieldName = (f: { zh: string; en: string }, locale: Locale): string => (locale === 'en' ? f.en : f.zh);

/** "1 (title), 2 (title), 15 (blank)": each skipped line with why, in the reader's words. */
export function skippedLines(skipped: ReadonlyArray<{ line: number; reason: string }>, reasons: Record<string, string>, locale: Locale): string {
  const [open, close, separator] = locale === 'en' ? [' (', ')', ', '] : ['（', '）', '、'];
  return skipped.map((s) => `${s.line}${open}${reasons[s.reason] ?? s.reason}${close}`).join(separator);
}

/** A staged row's value as a cell shows it: lists joined, yes/no in words, nothing as blank. */
export function cellText(value: unknown, locale: Locale): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => cellText(v, locale)).join(locale === 'en' ? ', ' : '、');
  if (typeof value === 'boolean') return locale === 'en' ? (value ? 'yes' : 'no') : value ? '是' : '否';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Why the import or the list could not be loaded, in the page's sentences. */
export function loadText(problem: LoadProblem, texts: { signIn: string; forbidden: string; notFound: string; failed: string }): string {
  return typeof problem === 'string' ? texts[problem] : texts.failed + problem.failed;
}
