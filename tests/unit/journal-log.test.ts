// The journal's file format without a database: checksums catch damage, a torn last line
// is dropped, and an answer waits until its entry and every earlier one are on disk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeEntry, encodeEntry, type Entry } from '../../server/db/journal/entry';
import { JournalWriter, logPath, readLog, readLogs } from '../../server/db/journal/log';

const entry = (seq: number): Entry => ({
  seq,
  changes: [
    { table: 'audit_log', key: `{"id":"${seq}"}`, row: `{"id":${seq},"detail":{"n":12345678901234567890}}` },
    { table: 'sessions', key: '{"token_hash":"ab"}', row: null },
  ],
});

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-journal-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('journal entries', () => {
  it('round-trip exactly, rows as text (no number passes through JavaScript)', () => {
    const line = encodeEntry(entry(7));
    expect(line.endsWith('\n')).toBe(true);
    expect(decodeEntry(line.slice(0, -1))).toEqual(entry(7));
  });

  it('refuse a line whose checksum does not match its content', () => {
    const line = encodeEntry(entry(7)).slice(0, -1);
    expect(decodeEntry(line.replace('"seq":7', '"seq":8'))).toBeUndefined();
    expect(decodeEntry(line.slice(0, -3))).toBeUndefined();
    expect(decodeEntry((line[0] === 'f' ? 'e' : 'f') + line.slice(1))).toBeUndefined();
    expect(decodeEntry('')).toBeUndefined();
  });
});

describe('journal files', () => {
  it('drop a torn last line (an append cut short by a crash) without calling it damage', () => {
    const file = logPath(dir, 0);
    const torn = encodeEntry(entry(3));
    fs.writeFileSync(file, encodeEntry(entry(1)) + encodeEntry(entry(2)) + torn.slice(0, torn.length / 2));
    expect(readLog(file, 0)).toEqual({ base: 0, file, entries: [entry(1), entry(2)] });
    // Cut exactly before its newline, or completed with garbage of the right length: still the last line.
    fs.writeFileSync(file, encodeEntry(entry(1)) + torn.slice(0, -2) + 'x\n');
    expect(readLog(file, 0)).toEqual({ base: 0, file, entries: [entry(1)] });
  });

  it('report a damaged line with intact lines after it, and stop there', () => {
    const file = logPath(dir, 0);
    const damaged = encodeEntry(entry(2)).replace('audit_log', 'audit_lag');
    fs.writeFileSync(file, encodeEntry(entry(1)) + damaged + encodeEntry(entry(3)) + encodeEntry(entry(4)));
    expect(readLog(file, 0)).toEqual({ base: 0, file, entries: [entry(1)], damage: { line: 2, linesAfter: 2 } });
  });

  it('are listed oldest first by the sequence number they start after', () => {
    fs.writeFileSync(logPath(dir, 12), encodeEntry(entry(13)));
    fs.writeFileSync(logPath(dir, 3), encodeEntry(entry(4)));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a journal');
    expect(readLogs(dir).map((f) => [f.base, f.entries.map((e) => e.seq)])).toEqual([
      [3, [4]],
      [12, [13]],
    ]);
  });
});

describe('journal writer', () => {
  it('answers an entry only once every earlier one is on disk, and writes them in order', async () => {
    const writer = await JournalWriter.open(dir, 10);
    const answered: number[] = [];
    const second = writer.append(entry(12)).then(() => answered.push(12));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toEqual([]);
    expect(readLog(logPath(dir, 10), 10).entries).toEqual([]);
    const first = writer.append(entry(11)).then(() => answered.push(11));
    await Promise.all([first, second]);
    expect(answered.sort()).toEqual([11, 12]);
    expect(readLog(logPath(dir, 10), 10).entries).toEqual([entry(11), entry(12)]);
    await writer.close();
  });

  it('rotates to a new file; older files stay until a snapshot removes them', async () => {
    const writer = await JournalWriter.open(dir, 0);
    await Promise.all([writer.append(entry(1)), writer.append(entry(2))]);
    await writer.rotate(dir, 2);
    await writer.append(entry(3));
    await writer.close();
    expect(readLogs(dir).map((f) => [f.base, f.entries.map((e) => e.seq)])).toEqual([
      [0, [1, 2]],
      [2, [3]],
    ]);
  });

  it('starts its file empty, so a torn line left there cannot run into the next entry', async () => {
    fs.writeFileSync(logPath(dir, 5), encodeEntry(entry(5)).slice(0, 30));
    const writer = await JournalWriter.open(dir, 5);
    await writer.append(entry(6));
    await writer.close();
    expect(readLog(logPath(dir, 5), 5).entries).toEqual([entry(6)]);
  });
});
