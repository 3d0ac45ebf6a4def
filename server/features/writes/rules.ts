// The rules a write of an editable object keeps, judged inside its transaction on the object as
// the write leaves it: what its unit decides is not written by hand (an area organisation's
// members), the object's own rules (objects.ts `judge`, from the domain), its place inside its
// community or the city, and a name no other object of its community has. An error refuses the
// write, and so does a warning the editor has not accepted by name; the transaction then rolls
// back, so nothing is written. Answers the accepted warnings, for the audit row.
import type { Within } from '../../db/write';
import type { AppContext } from '../../context';
import { OBJECT_WORDS } from '../../domain/words';
import { acceptKey, splitAccepted, type Problem } from '../../domain/problems';
import { problem, RefusedError } from '../../http/errors';
import { geometryOf, idValue, type EditableObject } from './objects';
import type { ObjectState } from './types';

export interface Judged {
  /** Null for a new object. */
  before: ObjectState | null;
  after: ObjectState;
  /** The attributes the write set. */
  written: readonly string[];
  /** Whether the write set the place. */
  placed: boolean;
  acceptWarnings?: readonly string[];
}

/** How a problem names an object: its id, or "new" for one being made (whose id the editor cannot know). */
const refOf = (j: Judged) => (j.before ? j.after.id : 'new');

function followedProblems(t: EditableObject, j: Judged): Problem[] {
  const state = (j.before ?? j.after).attributes;
  return (t.followed?.(state) ?? [])
    .filter((field) => j.written.includes(field) && (j.before === null || String(j.before.attributes[field]) !== String(j.after.attributes[field])))
    .map((field) => problem({ code: 'register_followed', params: { name: String(state.name ?? j.after.id), field }, ids: [refOf(j)] }));
}

async function placeProblems(ctx: AppContext, { trx }: Within, t: EditableObject, j: Judged): Promise<Problem[]> {
  if (!j.placed || !t.placedIn || !j.after.geometry) return [];
  const g = geometryOf(t);
  const inside = t.placedIn === 'community' ? `ST_Covers(c.geom, ${g})` : `EXISTS (SELECT 1 FROM towns tw WHERE tw.region = o.region AND ST_Covers(tw.geom, ${g}))`;
  const { rows } = await trx.raw(`SELECT ${inside} AS inside, ${t.community ?? 'NULL'} AS community, ST_X(${g}) AS x, ST_Y(${g}) AS y FROM ${t.from} WHERE o.region = ? AND o.id = ?`, [
    ctx.region,
    idValue(t, j.after.id),
  ]);
  const r = rows[0] as { inside: boolean; community: string | null; x: number; y: number };
  if (r.inside) return [];
  const word = OBJECT_WORDS[t.type];
  return [
    problem({
      code: t.placedIn === 'community' ? 'register_outside_community' : 'register_outside_city',
      params: { what: word.zh, whatEn: word.en, community: r.community ?? '' },
      ids: [refOf(j)],
      location: [Number(r.x), Number(r.y)],
    }),
  ];
}

async function duplicateProblems(ctx: AppContext, { trx }: Within, t: EditableObject, j: Judged): Promise<Problem[]> {
  const name = t.uniqueInCommunity;
  if (!name || !j.written.includes(name)) return [];
  const column = t.attributes[name]!.column;
  const { rows } = await trx.raw(
    `SELECT 1 FROM ${t.table} x JOIN ${t.table} o ON o.region = x.region AND o.community_id = x.community_id
     WHERE o.region = ? AND o.id = ? AND x.id <> o.id AND x.${column} = o.${column} LIMIT 1`,
    [ctx.region, idValue(t, j.after.id)],
  );
  if (!rows.length) return [];
  const word = OBJECT_WORDS[t.type];
  return [problem({ code: 'register_duplicate', params: { what: word.zh, whatEn: word.en, value: String(j.after.attributes[name]) }, ids: [refOf(j)] })];
}

export async function judgeWrite(ctx: AppContext, within: Within, t: EditableObject, j: Judged): Promise<Problem[]> {
  const problems = [
    ...followedProblems(t, j),
    ...(t.judge?.(refOf(j), j.before?.attributes ?? null, j.after.attributes) ?? []).map((f) => problem(f)),
    ...(await placeProblems(ctx, within, t, j)),
    ...(await duplicateProblems(ctx, within, t, j)),
  ];
  const { accepted, open } = splitAccepted(
    problems.filter((p) => p.severity === 'warning'),
    j.acceptWarnings,
  );
  if (open.length || problems.some((p) => p.severity === 'error')) throw new RefusedError(problems, { accepted: accepted.map(acceptKey) });
  return accepted;
}
