// `npm run user -- add --username x --role admin [--towns T01,T02] [--areas A1,A2] [--display 名字] [--password-stdin]`
// `npm run user -- list`, `npm run user -- passwd --username x [--password-stdin]`
// Passwords are never taken as arguments: they would land in the shell history and `ps`.
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import { readConfig } from '../config';
import type { AppContext } from '../context';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { ROLES, type Role } from '../domain/roles';
import type { Actor } from '../features/users/schema';
import { createUser, listUsers, setPassword } from '../features/users/service';
import { CliFault, runCli } from './run';

const USAGE = `usage:
  npm run user -- add --username NAME --role ${ROLES.join('|')} [--towns T01,T02] [--areas A0001,A0002] [--display 名字] [--password-stdin]
  npm run user -- list
  npm run user -- passwd --username NAME [--password-stdin]`;

const CLI: Actor = { id: null, name: 'cli' };

const OPTIONS = {
  username: { type: 'string' },
  role: { type: 'string' },
  towns: { type: 'string' },
  areas: { type: 'string' },
  display: { type: 'string' },
  'password-stdin': { type: 'boolean' },
} as const;
type Values = ReturnType<typeof parseArgs<{ allowPositionals: true; options: typeof OPTIONS }>>['values'];

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, '');
}

/** Asks on the terminal without echoing what is typed. */
function ask(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s) => write(s.startsWith(prompt) ? prompt : '');
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function readPassword(values: Values): Promise<string> {
  if (values['password-stdin']) return readStdin();
  if (!process.stdin.isTTY) throw new CliFault({ code: 'cli_no_terminal' });
  const first = await ask('password: ');
  if ((await ask('again: ')) !== first) throw new CliFault({ code: 'cli_passwords_differ' });
  return first;
}

function need(values: Values, name: 'username' | 'role'): string {
  const value = values[name];
  if (!value) throw new CliFault({ code: 'cli_missing_option', params: { option: `--${name}` } }, true);
  return value;
}

async function run(ctx: AppContext, command: string | undefined, values: Values): Promise<void> {
  if (command === 'list') {
    for (const u of await listUsers(ctx)) {
      const flags = [u.disabled ? 'disabled' : '', u.lockedUntil && u.lockedUntil > new Date() ? 'locked' : ''].filter(Boolean);
      console.log([u.username, u.role, u.displayName, [...u.towns, ...u.areas].join(',') || '-', ...flags].join('\t'));
    }
  } else if (command === 'add') {
    const username = need(values, 'username');
    const role = need(values, 'role') as Role;
    const ids = (option: string | undefined) => (option ? option.split(',').map((t) => t.trim()).filter(Boolean) : []);
    const user = await createUser(
      ctx,
      { username, role, towns: ids(values.towns), areas: ids(values.areas), displayName: values.display, password: await readPassword(values) },
      CLI,
    );
    console.log(`added ${user.username} (${user.role}) to region ${ctx.region}`);
  } else if (command === 'passwd') {
    const username = need(values, 'username');
    await setPassword(ctx, username, await readPassword(values), CLI);
    console.log(`password of ${username} changed; their sessions ended`);
  } else {
    throw new CliFault({ code: 'cli_unknown_command' }, true);
  }
}

await runCli(USAGE, async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: OPTIONS });
  const config = readConfig();
  const db = await openDatabase(config);
  try {
    await migrateToLatest(db.knex);
    await run({ db, region: config.region }, positionals[0], values);
  } finally {
    await db.close();
  }
});
