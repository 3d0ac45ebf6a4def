// How long a step has run and how much of a file has gone up, as the progress line says them.

/** 7 s → "0:07", 65 s → "1:05", an hour and more → "1:02:03". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** The whole percentage sent, or null while the size is unknown. */
export function uploadPercent(sent: number, total: number | undefined): number | null {
  if (!total) return null;
  return Math.min(100, Math.floor((sent / total) * 100));
}

/** A file's size in the unit that reads best: 812 B, 35.2 KB, 148.0 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
