// Batch look-up figures: 10,000-row lists uploaded over HTTP by a staff account, timed from the
// upload to the finished job and for the result download. The city's own addresses as written
// (each asked once by the matcher, repeats folded), the same as .xlsx, and a list where 1% of
// the rows are not in the city (each of those costs a ranked fuzzy query).
import ExcelJS from 'exceljs';
import { readSessionPolicy } from '../../server/config';
import type { AppContext } from '../../server/context';
import { SESSION_COOKIE } from '../../server/features/auth/cookies';
import { login } from '../../server/features/auth/service';
import type { BatchStatus } from '../../server/features/batch/service';
import { createUser } from '../../server/features/users/service';

const ROWS = 10_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const fmt = (x: number) => x.toFixed(0).padStart(10);

export async function staffCookie(ctx: AppContext): Promise<string> {
  const username = `bench-batch-${process.pid}-${Date.now()}`;
  await createUser(ctx, { username, role: 'staff', password: 'bench-password' });
  const session = await login(ctx, username, 'bench-password', readSessionPolicy());
  if (!session.ok) throw new Error('bench staff could not log in');
  return `${SESSION_COOKIE}=${session.token}`;
}

const csvOf = (addresses: string[]) => new TextEncoder().encode(`序号,地址\r\n${addresses.map((a, i) => `${i + 1},${a}`).join('\r\n')}\r\n`);

async function xlsxOf(addresses: string[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  sheet.addRow(['序号', '地址']);
  addresses.forEach((a, i) => sheet.addRow([i + 1, a]));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function runOne(base: string, cookie: string, bytes: Uint8Array, type: string) {
  const t0 = process.hrtime.bigint();
  const res = await fetch(`${base}/api/lookup/batch`, { method: 'POST', headers: { cookie, 'content-type': type }, body: bytes as Uint8Array<ArrayBuffer> });
  let status = (await res.json()) as BatchStatus;
  if (res.status !== 202) throw new Error(`upload → ${res.status} ${JSON.stringify(status)}`);
  while (status.state === 'running') {
    await new Promise((r) => setTimeout(r, 25));
    status = (await (await fetch(`${base}/api/lookup/batch/${status.id}`, { headers: { cookie } })).json()) as BatchStatus;
  }
  const doneMs = ms(t0);
  const t1 = process.hrtime.bigint();
  await (await fetch(`${base}/api/lookup/batch/${status.id}/result`, { headers: { cookie } })).arrayBuffer();
  return { status, doneMs, resultMs: ms(t1) };
}

export async function benchBatch(label: string, base: string, ctx: AppContext): Promise<void> {
  const cookie = await staffCookie(ctx);
  const all: string[] = await ctx.db.knex('buildings').where({ region: ctx.region }).orderBy('id').pluck('address');
  const asWritten = Array.from({ length: ROWS }, (_, i) => all[i % all.length]!);
  const strangers = asWritten.map((a, i) => (i % 100 === 50 ? `外地地址第${i}号 Elsewhere Road ${i}` : a));
  console.log(`\n## ${label}: batch look-up, ${ROWS} rows over HTTP (${all.length} buildings in the city; a row repeats after that)`);
  console.log('list                                   matched  unmatched  upload→done ms  result ms');
  const lists: Array<[string, Uint8Array, string]> = [
    ['CSV, the addresses as written', csvOf(asWritten), 'text/csv'],
    ['.xlsx, the addresses as written', await xlsxOf(asWritten), XLSX],
    ['CSV, 1% not in the city', csvOf(strangers), 'text/csv'],
  ];
  // The first look-up after a start builds the search keys; that is the look-up's figure, not the batch's.
  const warm = await runOne(base, cookie, csvOf(asWritten.slice(0, 1)), 'text/csv');
  console.log(`${'warm-up, 1 row (search keys built)'.padEnd(36)} ${String(warm.status.matched).padStart(8)} ${String(warm.status.unmatched).padStart(10)} ${fmt(warm.doneMs)}     ${fmt(warm.resultMs)}`);
  for (const [name, bytes, type] of lists) {
    const { status, doneMs, resultMs } = await runOne(base, cookie, bytes, type);
    console.log(`${name.padEnd(36)} ${String(status.matched).padStart(8)} ${String(status.unmatched).padStart(10)} ${fmt(doneMs)}     ${fmt(resultMs)}`);
  }
}
