// A what-if's answer read out: every figure before → after with its difference (counts in people,
// shares in percentage points), and a sentence per touched centre saying what it did, so that a
// change that moves no figure says why. Pure: the words and the number format come in.
import type { CentreKind, Comparison, CentreEffect } from './api';
import type { Messages } from '../../shared/i18n/zh';

type Words = Messages['coverage'];
export type Measure = 'population' | 'households' | 'buildings' | 'partyMembers';
const MEASURES: Measure[] = ['population', 'households', 'buildings', 'partyMembers'];

export interface ComparisonRow {
  key: string;
  label: string;
  before: number;
  after: number;
  unit: 'count' | 'share';
}

/** Covered counts, shares, what is left beyond reach, and each counted kind's residents. */
export function comparisonRows({ before, after }: Comparison, t: Words): ComparisonRow[] {
  const c = t.compare;
  const kinds = Object.keys(after.byKind) as CentreKind[];
  return [
    ...MEASURES.map((m): ComparisonRow => ({ key: `covered-${m}`, label: c.covered[m], before: before[m].covered, after: after[m].covered, unit: 'count' })),
    ...MEASURES.map((m): ComparisonRow => ({ key: `share-${m}`, label: c.share[m], before: before[m].share, after: after[m].share, unit: 'share' })),
    { key: 'uncovered-buildings', label: c.uncoveredBuildings, before: before.buildings.total - before.buildings.covered, after: after.buildings.total - after.buildings.covered, unit: 'count' },
    { key: 'uncovered-estates', label: c.uncoveredEstates, before: before.uncoveredEstates, after: after.uncoveredEstates, unit: 'count' },
    ...kinds.map((k): ComparisonRow => ({ key: `kind-${k}`, label: c.byKind.replace('{kind}', t.kinds[k]), before: before.byKind[k]?.covered ?? 0, after: after.byKind[k]!.covered, unit: 'count' })),
  ];
}

/** A difference with its sign: +1,200, −3,300, ±0 (a true minus sign, as in print). */
export function signed(n: number, format: (abs: number) => string): string {
  if (n === 0) return `±${format(0)}`;
  return `${n > 0 ? '+' : '−'}${format(Math.abs(n))}`;
}

/** The row's three texts; shares as percentages and their difference in percentage points. */
export function formatRow(row: ComparisonRow, t: Words, number: (n: number) => string): { before: string; after: string; difference: string } {
  if (row.unit === 'count') return { before: number(row.before), after: number(row.after), difference: signed(row.after - row.before, number) };
  // The difference of the percentages as shown, so the three texts agree (and none reads −0.0).
  const percent = (share: number) => Math.round(share * 1000) / 10;
  const points = Math.round((percent(row.after) - percent(row.before)) * 10) / 10;
  return { before: `${percent(row.before).toFixed(1)}%`, after: `${percent(row.after).toFixed(1)}%`, difference: t.compare.points.replace('{n}', signed(points, (v) => v.toFixed(1))) };
}

/** How many touched centres get a sentence of their own; the rest are counted. */
export const EXPLAINED = 8;

function sentence(e: CentreEffect, t: Words, number: (n: number) => string): string {
  const x = t.compare.why;
  const fill = (s: string) =>
    s
      .replace('{name}', e.name)
      .replace('{before}', number(e.reachedBefore))
      .replace('{only}', number(e.onlyThis))
      .replace('{still}', number(e.stillReached))
      .replace('{after}', number(e.reachedAfter))
      .replace('{newly}', number(e.newlyReached));
  const keptAll = e.onlyThis === 0 && e.stillReached === e.reachedBefore;
  switch (e.change) {
    case 'closed':
      return fill(e.reachedBefore === 0 ? x.closedNobody : keptAll ? x.closedStillReached : x.closed);
    case 'added':
      return fill(e.reachedAfter === 0 ? x.addedNobody : e.newlyReached === 0 ? x.addedAlreadyReached : x.added);
    case 'changed':
      return fill(keptAll && e.newlyReached === 0 ? x.changedNoEffect : x.changed);
  }
}

/** The whole what-if's effect first, then one sentence per touched centre of a counted kind. */
export function explain(comparison: Comparison, t: Words, number: (n: number) => string): string[] {
  const x = t.compare.why;
  const { lost, gained, effects } = comparison;
  const lines = [lost === 0 && gained === 0 ? x.noEffect : x.net.replace('{gained}', number(gained)).replace('{lost}', number(lost))];
  const counted = effects.filter((e) => e.counted);
  lines.push(...counted.slice(0, EXPLAINED).map((e) => sentence(e, t, number)));
  if (counted.length > EXPLAINED) lines.push(x.more.replace('{n}', String(counted.length - EXPLAINED)));
  const uncounted = effects.filter((e) => !e.counted);
  if (uncounted.length) lines.push(x.uncounted.replace('{n}', String(uncounted.length)).replace('{kinds}', [...new Set(uncounted.map((e) => t.kinds[e.kind]))].join(t.compare.listSeparator)));
  return lines;
}
