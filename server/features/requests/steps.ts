// The steps people take on a request, each one versioned write: lock the row, check the version
// the page started from (stale → 409 with the request as it is now), check the status allows
// the step (→ 409 naming it), check the caller may take it on the locked row, then change it,
// add the history entry (the version it made) and the audit row. Someone who may read the
// request but not take the step hears 403; someone who may not read it, the audited 404.
import type { AppContext } from '../../context';
import { nowOf } from '../../context';
import { assignsRequest, handlesRequest, readsRequest, reopensRequest } from '../../domain/jurisdiction';
import { nextStatus, type RequestStep } from '../../domain/requests';
import type { Within } from '../../db/write';
import { ConflictError, HttpError, notFound } from '../../http/errors';
import { audit } from '../audit/service';
import { refuseUnless } from '../auth/guard';
import type { AuthUser } from '../auth/service';
import { placeOfArea } from './place';
import type { StepBody } from './schema';
import type { RequestSettings } from './settings';
import { appendEntry, findRequest, placeOf, readHistory, type StoredRequest } from './store';
import type { RequestDetail } from './types';
import { detailOf } from './views';

const HOUR_MS = 3600_000;

/** The request for this viewer: its detail, or the audited 404 when out of reach. */
export async function readRequest(ctx: AppContext, user: AuthUser, id: string): Promise<RequestDetail> {
  const r = await findRequest(ctx.db.knex, ctx.region, id);
  await refuseUnless(ctx, user, 'request', id, !!r && readsRequest(user, placeOf(r)));
  return detailOf(r!, await readHistory(ctx.db.knex, ctx.region, id), user, nowOf(ctx).getTime());
}

/** Whether `user` may take `step` on `r` (an assignment's target town is judged once it is known). */
function allowed(user: AuthUser, r: StoredRequest, step: StepBody['step']): boolean {
  const place = placeOf(r);
  // An unplaced request names no town yet: '' is no town, so only those who place anywhere may.
  if (step === 'assign') return assignsRequest(user, place, place.townId ?? '');
  if (step === 'reopen') return reopensRequest(user, place);
  return handlesRequest(user, place);
}

async function forbid(ctx: AppContext, user: AuthUser, id: string, step: RequestStep): Promise<never> {
  await audit(ctx, { action: 'authz_denied', actorId: user.id, actor: user.username, objectType: 'request', objectId: id, detail: { reason: 'step', step, role: user.role } });
  throw new HttpError(403, 'role_forbidden');
}

/** Deadlines counted again from `now`: a reopened request is a new task for its lead. */
export function freshDeadlines(settings: RequestSettings, r: StoredRequest, now: Date) {
  const d = settings.deadlines[r.category];
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR_MS).toISOString();
  return { respond_by: at(d.respond), close_by: at(d.close), town_by: at(d.town), responded_at: null, closed_at: null, escalation: 0, escalated_at: null, rating: null, rated_at: null };
}

export async function takeStep(ctx: AppContext, settings: RequestSettings, user: AuthUser, id: string, body: StepBody): Promise<RequestDetail> {
  const { region } = ctx;
  const seen = await findRequest(ctx.db.knex, region, id);
  await refuseUnless(ctx, user, 'request', id, !!seen && readsRequest(user, placeOf(seen)));
  if (!allowed(user, seen!, body.step)) await forbid(ctx, user, id, body.step);
  // Where it is moved to, and whether this user may move it there, before anything is locked.
  const target = body.step === 'assign' ? await placeOfArea(ctx, body.areaId) : undefined;
  if (body.step === 'assign' && !(target && assignsRequest(user, placeOf(seen!), target.townId))) {
    await refuseUnless(ctx, user, 'area', body.areaId, false);
    throw notFound('area', body.areaId);
  }

  const now = nowOf(ctx);
  return ctx.db.write(async (trx, touch) => {
    const within: Within = { trx, touch };
    const r = await findRequest(trx, region, id, true);
    if (!r || !readsRequest(user, placeOf(r))) throw notFound('request', id);
    const current = async () => detailOf(r, await readHistory(trx, region, id), user, now.getTime());
    if (r.version !== body.version) throw new ConflictError(await current(), 'request', id, r.version, body.version);
    const status = nextStatus(body.step, r.status);
    if (status === null) throw new ConflictError(await current(), 'request_status', { id, status: r.status, step: body.step });
    if (!allowed(user, r, body.step)) throw notFound('request', id);

    const set: Record<string, unknown> = { status, version: r.version + 1, updated_at: now.toISOString(), updated_by: user.username };
    const responds = body.step === 'accept' || body.step === 'reply' || body.step === 'close';
    if (responds && r.respondedAt === null) set.responded_at = now.toISOString();
    const detail: Record<string, unknown> = { from: r.status };
    let text: string | null = null;
    let isPublic = true;
    if (body.step === 'reply' || body.step === 'close') text = body.text;
    if (body.step === 'note') [text, isPublic] = [body.text, false];
    if (body.step === 'close') Object.assign(set, { closed_at: now.toISOString(), rating: null, rated_at: null });
    if (body.step === 'assign') {
      Object.assign(set, { area_id: target!.areaId, community_id: target!.communityId, town_id: target!.townId });
      Object.assign(detail, { areaId: target!.areaId, fromArea: r.area?.id ?? null });
    }
    if (body.step === 'reopen') {
      Object.assign(set, freshDeadlines(settings, r, now), { reopened: r.reopened + 1 });
      text = body.text;
    }
    await trx('requests').where({ region, id }).update(set);
    touch('requests', { region, id });
    await appendEntry(within, region, id, { at: now, event: body.step, status, text, public: isPublic, actor: user.username, version: r.version + 1, detail });
    await audit(
      ctx,
      {
        action: 'request_step', actorId: user.id, actor: user.username, objectType: 'request', objectId: id,
        versionBefore: r.version, versionAfter: r.version + 1, detail: { step: body.step, ...detail, to: status },
      },
      within,
    );
    const after = (await findRequest(trx, region, id))!;
    return detailOf(after, await readHistory(trx, region, id), user, now.getTime());
  });
}
