// Expected failures of a command (a lock, a wrong file) are one line for the operator and
// exit code 1; anything else keeps its stack for whoever debugs it.
import { BackupError } from '../db/backup';
import { DataDirInUseError } from '../db/lock';

export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (err instanceof BackupError || err instanceof DataDirInUseError || (err instanceof Error && err.message.startsWith('usage:'))) {
      console.error(err.message);
    } else {
      console.error(err);
    }
    process.exitCode = 1;
  }
}
