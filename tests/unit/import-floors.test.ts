// The floors of the house are held by eslint.config.js: each case lints one import line as if it
// stood in the named file, with the project's own config, and says whether the floor rule objects.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function refused(filePath: string, line: string): Promise<boolean> {
  const code = filePath.endsWith('.vue') ? `<script setup lang="ts">\n${line}\n</script>\n` : `${line}\n`;
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.some((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
}

describe('the client imports server code only as types, except the domain', () => {
  it.each([
    ['client/features/plan/components/PlanProposal.vue', "import { MEASURES } from '../../../server/analysis/districting/types';"],
    ['client/features/plan/store.ts', "import { savePlan } from '../../server/features/plans/service';"],
    ['client/features/plan/api.ts', "export { savePlan } from '../../server/features/plans/service';"],
    ['client/features/plan/api.ts', "import { MEASURES, type Measure } from '../../server/analysis/districting/types';"],
  ])('%s: refuses %s', async (file, line) => {
    expect(await refused(file, line)).toBe(true);
  });

  it.each([
    ['client/features/plan/api.ts', "import type { Plan } from '../../server/features/plans/read';"],
    ['client/features/plan/api.ts', "import { type Plan } from '../../server/features/plans/read';"],
    ['client/features/plan/api.ts', "export type { Plan } from '../../server/features/plans/read';"],
    ['client/features/plan/components/PlanProposal.vue', "import { MEASURES } from '../../../server/domain/measures';"],
    ['client/shared/api/client.ts', "import { say } from '../../server/domain/messages';"],
  ])('%s: allows %s', async (file, line) => {
    expect(await refused(file, line)).toBe(false);
  });
});

describe('the domain imports nothing above it, no node built-ins and nothing from data/', () => {
  it.each([
    "import { openDatabase } from '../db/database';",
    "import { HttpError } from '../http/errors';",
    "import { editWithin } from '../features/writes/service';",
    "import { prepare } from '../analysis/districting/prepare';",
    "import type { City } from '../../data/city';",
    "import { readFileSync } from 'node:fs';",
    "import { readFileSync } from 'fs';",
  ])('refuses %s', async (line) => {
    expect(await refused('server/domain/example.ts', line)).toBe(true);
  });

  it('allows its own modules and type-only libraries', async () => {
    expect(await refused('server/domain/example.ts', "import { ROLES } from './roles';")).toBe(false);
    expect(await refused('server/domain/example.ts', "import type { Geometry } from 'geojson';")).toBe(false);
  });
});

describe('server/analysis imports nothing from features, db or http', () => {
  it.each([
    "import { writeWithin } from '../../features/writes/service';",
    "import type { Database } from '../../db/database';",
    "import { HttpError } from '../../http/errors';",
  ])('refuses %s', async (line) => {
    expect(await refused('server/analysis/districting/example.ts', line)).toBe(true);
  });

  it('allows its neighbours (its own ./seed too) and the domain', async () => {
    expect(await refused('server/analysis/districting/example.ts', "import { placeSeeds } from './seed';")).toBe(false);
    expect(await refused('server/analysis/districting/example.ts', "import { MEASURES } from '../../domain/measures';")).toBe(false);
  });
});

describe('no production code loads the demo generator or the seeder', () => {
  it.each([
    ['server/features/organisations/follow.ts', "import { formFor } from '../../../data/generator/party';"],
    ['server/analysis/scenarios/forms.ts', "import { formFor } from '../../../data/generator/party';"],
    ['server/features/groups/service.ts', "import { GROUP_OUTLINE } from '../../db/seed';"],
    ['server/db/backup.ts', "import { loadCity } from './seed';"],
    ['server/main.ts', "import { generateCity } from '../data/generator';"],
    ['client/features/grid/GridView.vue', "import type { City } from '../../data/generator/index';"],
  ])('%s: refuses %s', async (file, line) => {
    expect(await refused(file, line)).toBe(true);
  });

  it.each([
    ['server/startup.ts', "import { generateCity } from '../data/generator';"],
    ['server/startup.ts', "import { loadCity } from './db/seed';"],
    ['server/cli/seed.ts', "import { loadCity } from '../db/seed';"],
    ['tests/unit/generator.test.ts', "import { generateCity } from '../../data/generator/index.js';"],
  ])('%s (the named exception or a test): allows %s', async (file, line) => {
    expect(await refused(file, line)).toBe(false);
  });
});
