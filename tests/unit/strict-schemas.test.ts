// Every request schema the features export refuses unknown fields at every depth: a field the
// server ignores is a silent surprise (POST /api/users once dropped `"disabled": true`). Walks
// each exported zod schema of the feature schema modules, so a new export is covered unasked;
// the routes' own inline schemas are walked over HTTP in tests/api/contract.test.ts.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as audit from '../../server/features/audit/query';
import * as auth from '../../server/features/auth/schema';
import * as coverage from '../../server/features/coverage/schema';
import * as groups from '../../server/features/groups/schema';
import * as layers from '../../server/features/layers/schema';
import * as pairings from '../../server/features/pairings/schema';
import * as plans from '../../server/features/plans/schema';
import * as registers from '../../server/features/registers/schema';
import * as requests from '../../server/features/requests/schema';
import * as scenarios from '../../server/features/scenarios/schema';
import * as tiles from '../../server/features/tiles/schema';
import * as users from '../../server/features/users/schema';
import * as visits from '../../server/features/visits/schema';
import { EDITABLE } from '../../server/features/writes/objects';
import * as writes from '../../server/features/writes/schema';

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def | undefined => (schema as { _zod?: { def: Def } } | null)?._zod?.def;

/** The paths of the objects inside `schema` that would take a field they do not name. */
function laxObjects(schema: z.ZodType, path = '', seen = new Set<unknown>()): string[] {
  const def = defOf(schema)!;
  if (seen.has(schema)) return [];
  seen.add(schema);
  const inner = (key: string, at = path) => (defOf(def[key]) ? laxObjects(def[key] as z.ZodType, at, seen) : []);
  switch (def.type) {
    case 'object': {
      const lax = defOf(def.catchall)?.type === 'never' ? [] : [path || '(top)'];
      const shape = def.shape as Record<string, z.ZodType>;
      return [...lax, ...Object.entries(shape).flatMap(([key, field]) => laxObjects(field, `${path}.${key}`, seen))];
    }
    case 'array':
      return inner('element', `${path}[]`);
    case 'pipe':
      return [...inner('in'), ...inner('out')];
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => laxObjects(option, path, seen));
    case 'record':
      return inner('valueType', `${path}{}`);
    default:
      // optional, nullable, default, readonly, catch…: one inner type.
      return inner('innerType');
  }
}

const modules = { audit, auth, coverage, groups, layers, pairings, plans, registers, requests, scenarios, tiles, users, visits, writes };
const exported = Object.entries(modules).flatMap(([name, module]) =>
  Object.entries(module)
    .filter(([, value]) => defOf(value))
    .map(([key, value]) => [`${name}.${key}`, value as z.ZodType] as const),
);
const editBodies = Object.values(EDITABLE).flatMap((t) => [
  [`writes.updateBody(${t.type})`, writes.updateBody(t)] as const,
  ...(t.create ? [[`registers.createBody(${t.type})`, registers.createBody(t)] as const] : []),
]);

describe('request schemas', () => {
  it('finds the schemas to walk', () => {
    expect(exported.length).toBeGreaterThan(20);
  });

  it.each([...exported, ...editBodies])('%s refuses unknown fields at every depth', (_name, schema) => {
    expect(laxObjects(schema)).toEqual([]);
  });
});
