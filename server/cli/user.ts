// `npm run user -- add --username x --role admin [--towns T01,T02] [--display 名字] [--password-stdin]`
// `npm run user -- list`, `npm run user -- passwd --username x [--password-stdin]`
// Passwords are never taken as arguments: they would land in the shell history and `ps`.
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import { readConfig } from '../config';
import type { AppContext } from '../context';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { z } from 'zod';
import { describeZodError } from '../http/errors';
import { ROLES, type Actor, type Role } from '../features/users/schema';
import { createUser, listUsers, setPassword } from '../features/users/service';

const USAGE = `usage:
  npm run user -- add --username NAME --role ${ROLES.join('|')} [--towns T01,T02] [--display 名字] [--password-stdin]
  npm run user -- list
  npm run user -- passwd --username NAME [--password-stdin]`;

const CLI: Actor = { id: null, name: 'cli' };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    username: { type: 'string' },
    role: { type: 'string' },
    towns: { type: 'string' },
    display: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  },
});

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

async function readPassword(): Promise<string> {
  if (values['password-stdin']) return readStdin();
  if (!process.stdin.isTTY) throw new Error('no terminal to ask for the password: use --password-stdin');
  const first = await ask('password: ');
  if ((await ask('again: ')) !== first) throw new Error('the passwords differ');
  return first;
}

function need(name: 'username' | 'role'): string {
  const value = values[name];
  if (!value) throw new Error(`--${name} is required\n${USAGE}`);
  return value;
}

async function run(ctx: AppContext, command: string | undefined): Promise<void> {
  if (command === 'list') {
    for (const u of await listUsers(ctx)) {
      const flags = [u.disabled ? 'disabled' : '', u.lockedUntil && u.lockedUntil > new Date() ? 'locked' : ''].filter(Boolean);
      console.log([u.username, u.role, u.displayName, u.towns.join(',') || '-', ...flags].join('\t'));
    }
  } else if (command === 'add') {
    const username = need('username');
    const role = need('role') as Role;
    const towns = values.towns ? values.towns.split(',').map((t) => t.trim()).filter(Boolean) : [];
    const user = await createUser(ctx, { username, role, towns, displayName: values.display, password: await readPassword() }, CLI);
    console.log(`added ${user.username} (${user.role}) to region ${ctx.region}`);
  } else if (command === 'passwd') {
    const username = need('username');
    await setPassword(ctx, username, await readPassword(), CLI);
    console.log(`password of ${username} changed; their sessions ended`);
  } else {
    throw new Error(USAGE);
  }
}

const config = readConfig();
const db = await openDatabase(config);
try {
  await migrateToLatest(db.knex);
  await run({ db, region: config.region }, positionals[0]);
} catch (err) {
  process.exitCode = 1;
  console.error(err instanceof z.ZodError ? describeZodError(err) : err instanceof Error ? err.message : err);
} finally {
  await db.close();
}
