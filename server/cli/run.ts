// Expected failures of a command (a wrong flag, a lock, an unwritable file, a database that is
// away, a refused input) are one Chinese line and one English line for the operator, saying
// what went wrong and what to do, and exit code 1; anything else keeps its stack for whoever
// debugs it.
import { z } from 'zod';
import { say, type Message } from '../domain/messages';
import { ConfigError } from '../config';
import { BackupError } from '../db/backup';
import { DataDirInUseError } from '../db/lock';
import { HttpError, invalidInput, isConnectionError } from '../http/errors';
import { closeWorkerPool } from '../runtime/pool';

/** A fault the operator can fix; `usage` when the way the command was called is at fault. */
export class CliFault extends Error {
  constructor(
    readonly fault: Message,
    readonly usage = false,
  ) {
    super(say(fault, 'en'));
  }
}

/** Where the database is, without the password that DATABASE_URL may hold. */
function databaseTarget(): string {
  const url = process.env.DATABASE_URL;
  if (!url) return process.env.GRIDMAP_DATA_DIR ?? 'data/pglite';
  try {
    const { hostname, port, pathname } = new URL(url);
    return `${hostname}:${port || 5432}${pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

type SystemError = Error & { code?: string; path?: string };

/** The message for a fault the operator can fix, or undefined for a bug. */
function expected(err: unknown): { fault: Message; usage?: boolean } | undefined {
  if (err instanceof CliFault) return err;
  if (err instanceof BackupError) return err;
  if (err instanceof ConfigError) return err;
  if (err instanceof DataDirInUseError) return { fault: { code: 'data_dir_in_use', params: { dataDir: err.dataDir, pid: err.pid } } };
  if (err instanceof HttpError && err.status < 500) return { fault: { code: err.code, params: err.params } };
  if (err instanceof z.ZodError) return { fault: { code: 'invalid_input', params: invalidInput(err).params } };
  if (!(err instanceof Error)) return undefined;
  const { code = '', path, message } = err as SystemError;
  if (code.startsWith('ERR_PARSE_ARGS_')) return { fault: { code: 'cli_bad_arguments', params: { detail: message } }, usage: true };
  if (code.startsWith('28')) return { fault: { code: 'cli_database_login', params: { target: databaseTarget(), detail: message } } };
  if (isConnectionError(err) || code === 'ENOTFOUND') return { fault: { code: 'cli_database_unreachable', params: { target: databaseTarget(), detail: message || code } } };
  if (path && /^E[A-Z]+$/.test(code)) return { fault: { code: 'cli_file', params: { path, errno: code, detail: message } } };
  return undefined;
}

/** Prints an expected fault as its two lines (and the usage, when the call was at fault); false for a bug. */
export function printFault(err: unknown, usage?: string): boolean {
  const known = expected(err);
  if (!known) return false;
  console.error(say(known.fault, 'zh'));
  console.error(say(known.fault, 'en'));
  if (known.usage && usage) console.error(usage);
  return true;
}

/** Runs a command; a fault exits 1, or `usageExit` when the way it was called was at fault (the import's contract says 2). */
export async function runCli(usage: string, main: () => Promise<void>, { usageExit = 1 } = {}): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (!printFault(err, usage)) console.error(err);
    process.exitCode = expected(err)?.usage ? usageExit : 1;
  } finally {
    // A file read on the pool leaves its workers' ports open, and the command would never end.
    await closeWorkerPool();
  }
}
