// Bar charts as plain shapes (rectangles, texts, lines) in SVG user units, built from numbers only:
// the view draws them as SVG, the PNG export serialises that same SVG, a test can read them. Every
// colour and font is an attribute of its shape, since an SVG turned into an image keeps no CSS.

export interface ChartRect {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  /** Tooltip (`<title>`): what the bar is and its value. */
  label: string;
}
export interface ChartText {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
  size: number;
  fill: string;
  bold?: boolean;
}
export interface ChartLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  stroke: string;
  dash?: string;
  /** Drawn over the bars (a reference line), not under them (a gridline). */
  front?: boolean;
}
export interface Chart {
  title: string;
  width: number;
  height: number;
  rects: ChartRect[];
  texts: ChartText[];
  lines: ChartLine[];
}

export interface Series {
  label: string;
  color: string;
}
/** One bar (stacked) or group of bars (grouped): a label and a value per series. */
export interface BarRow {
  label: string;
  values: Array<number | null>;
}

export const CHART_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const INK = '#222';
const MUTED = '#666';
const GRID = '#ddd';
const TITLE_SIZE = 15;
const TEXT_SIZE = 12;
const ROW = 22;
const GAP = 6;

/** Width of a text: a CJK character is about one em, anything else about six tenths. */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2e80 ? size : 0.6 * size;
  return w;
}

/**
 * A round axis for counts up to `max`: a step of 1, 2, 2.5 or 5 × 10ⁿ (whole numbers only) giving
 * at most five intervals, and the top at the first step at or above `max`.
 */
export function countAxis(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 1 };
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 2.5, 5, 10].map((m) => m * power).find((v) => v >= rough)!);
  const whole = Number.isInteger(step) ? step : Math.ceil(step);
  return { top: Math.ceil(max / whole) * whole, step: whole };
}

const text = (x: number, y: number, t: string, more: Partial<ChartText> = {}): ChartText => ({ x, y, text: t, anchor: 'start', size: TEXT_SIZE, fill: INK, ...more });

/** Title, then the legend in as many lines as the width needs; answers the height used. */
function header(chart: Chart, series: Series[]): number {
  chart.texts.push(text(0, TITLE_SIZE + 2, chart.title, { size: TITLE_SIZE, bold: true }));
  let x = 0;
  let y = TITLE_SIZE + 14;
  for (const s of series) {
    const w = 16 + textWidth(s.label, TEXT_SIZE) + 14;
    if (x > 0 && x + w > chart.width) {
      x = 0;
      y += 18;
    }
    chart.rects.push({ x, y, width: 12, height: 12, fill: s.color, label: s.label });
    chart.texts.push(text(x + 16, y + 11, s.label));
    x += w;
  }
  return y + 12 + 14;
}

interface Frame {
  left: number;
  right: number;
  top: number;
}

/** Row labels at the left, gridlines and tick labels under the plot. */
function axes(chart: Chart, frame: Frame, rows: BarRow[], ticks: Array<{ at: number; label: string }>): void {
  const bottom = frame.top + rows.length * ROW;
  rows.forEach((row, i) => chart.texts.push(text(frame.left - GAP, frame.top + i * ROW + ROW / 2 + 4, row.label, { anchor: 'end' })));
  for (const tick of ticks) {
    const x = frame.left + tick.at * (frame.right - frame.left);
    chart.lines.push({ x1: x, y1: frame.top, x2: x, y2: bottom, stroke: GRID });
    chart.texts.push(text(x, bottom + 14, tick.label, { anchor: 'middle', fill: MUTED, size: 11 }));
  }
  chart.lines.push({ x1: frame.left, y1: frame.top, x2: frame.left, y2: bottom, stroke: MUTED });
  chart.height = bottom + 22;
}

function frameFor(chart: Chart, top: number, rows: BarRow[], rightRoom: number): Frame {
  const left = Math.ceil(Math.max(0, ...rows.map((r) => textWidth(r.label, TEXT_SIZE)))) + GAP * 2;
  return { left, right: chart.width - rightRoom, top };
}

/** Horizontal bars, one a row, each stacked from its series; the row's total at its end. */
export function stackedBars(input: { title: string; series: Series[]; rows: BarRow[]; width: number; format?: (n: number) => string }): Chart {
  const format = input.format ?? String;
  const chart: Chart = { title: input.title, width: input.width, height: 0, rects: [], texts: [], lines: [] };
  const totals = input.rows.map((r) => r.values.reduce<number>((s, v) => s + (v ?? 0), 0));
  const frame = frameFor(chart, header(chart, input.series), input.rows, 8 + textWidth(format(Math.max(0, ...totals)), TEXT_SIZE));
  const { top, step } = countAxis(Math.max(0, ...totals));
  const scale = (frame.right - frame.left) / top;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => ({ at: (i * step) / top, label: format(i * step) }));
  axes(chart, frame, input.rows, ticks);
  input.rows.forEach((row, i) => {
    const y = frame.top + i * ROW + 4;
    let x = frame.left;
    row.values.forEach((v, s) => {
      if (!v) return;
      const series = input.series[s]!;
      chart.rects.push({ x, y, width: v * scale, height: ROW - 8, fill: series.color, label: `${row.label} · ${series.label}: ${format(v)}` });
      x += v * scale;
    });
    chart.texts.push(text(x + 4, y + ROW / 2 + 2, format(totals[i]!), { fill: MUTED }));
  });
  return chart;
}

/**
 * Horizontal bars of shares (0–1), one per series side by side in each row, the share written at
 * the end ("—" where there is no whole); `references` draws the city's share per series, dashed.
 */
export function groupedShares(input: {
  title: string;
  series: Series[];
  rows: BarRow[];
  width: number;
  references?: Array<number | null>;
  format: (share: number) => string;
}): Chart {
  const chart: Chart = { title: input.title, width: input.width, height: 0, rects: [], texts: [], lines: [] };
  const frame = frameFor(chart, header(chart, input.series), input.rows, 8 + textWidth(input.format(1), TEXT_SIZE));
  const span = frame.right - frame.left;
  axes(chart, frame, input.rows, [0, 0.25, 0.5, 0.75, 1].map((at) => ({ at, label: input.format(at) })));
  const bar = (ROW - 6) / input.series.length;
  input.rows.forEach((row, i) => {
    row.values.forEach((v, s) => {
      const series = input.series[s]!;
      const y = frame.top + i * ROW + 3 + s * bar;
      const shown = v === null ? '—' : input.format(v);
      if (v !== null && v > 0) chart.rects.push({ x: frame.left, y, width: v * span, height: bar - 1, fill: series.color, label: `${row.label} · ${series.label}: ${shown}` });
      chart.texts.push(text(frame.left + (v ?? 0) * span + 3, y + bar - 2, shown, { size: Math.min(10, bar), fill: MUTED }));
    });
  });
  const bottom = frame.top + input.rows.length * ROW;
  (input.references ?? []).forEach((share, s) => {
    if (share === null) return;
    const x = frame.left + share * span;
    chart.lines.push({ x1: x, y1: frame.top - 2, x2: x, y2: bottom, stroke: input.series[s]!.color, dash: '4 3', front: true });
  });
  return chart;
}
