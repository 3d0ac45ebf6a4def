// How the import wizard says a step's time and a file's upload: minutes and seconds (hours when
// it comes to that), a whole percentage once the size is known, sizes in the unit that reads best.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatElapsed, uploadPercent } from '../../client/features/import/progress';

describe('progress', () => {
  it('says elapsed time as m:ss, h:mm:ss past an hour, never negative', () => {
    expect([0, 7_400, 65_000, 3_723_000, -500].map(formatElapsed)).toEqual(['0:00', '0:07', '1:05', '1:02:03', '0:00']);
  });

  it('gives the whole percentage sent, capped at 100, and none while the size is unknown', () => {
    expect([uploadPercent(0, 200), uploadPercent(199, 200), uploadPercent(250, 200), uploadPercent(10, undefined), uploadPercent(10, 0)]).toEqual([0, 99, 100, null, null]);
  });

  it('names sizes in B, KB, MB and GB', () => {
    expect([812, 36_045, 155_189_248, 3 * 1024 ** 3].map(formatBytes)).toEqual(['812 B', '35.2 KB', '148.0 MB', '3.0 GB']);
  });
});
