// What the resident does with a ticket: follow the request, and rate its closing, which may ask
// for it to be handled again. The ticket is the only key; nothing personal comes back. An
// unknown ticket and a mistyped one answer the same 404.
import type { AppContext } from '../../context';
import { nowOf } from '../../context';
import { nextStatus, normaliseTicket } from '../../domain/requests';
import { ConflictError, notFound } from '../../http/errors';
import { audit } from '../audit/service';
import type { RatingBody } from './schema';
import type { RequestSettings } from './settings';
import { freshDeadlines } from './steps';
import { appendEntry, findRequest, readHistory } from './store';
import type { PublicRequest } from './types';
import { publicView } from './views';

export async function followRequest(ctx: AppContext, typed: string): Promise<PublicRequest> {
  const ticket = normaliseTicket(typed);
  const r = ticket && (await findRequest(ctx.db.knex, ctx.region, ticket));
  if (!r) throw notFound('request', typed);
  return publicView(r, await readHistory(ctx.db.knex, ctx.region, r.id));
}

export async function rateRequest(ctx: AppContext, settings: RequestSettings, typed: string, body: RatingBody): Promise<PublicRequest> {
  const { region } = ctx;
  const ticket = normaliseTicket(typed);
  if (!ticket) throw notFound('request', typed);
  const now = nowOf(ctx);
  return ctx.db.write(async (trx, touch) => {
    const within = { trx, touch };
    const r = await findRequest(trx, region, ticket, true);
    if (!r) throw notFound('request', typed);
    const current = async () => publicView(r, await readHistory(trx, region, ticket));
    if (nextStatus('rate', r.status) === null) throw new ConflictError(await current(), 'request_status', { id: ticket, status: r.status, step: 'rate' });
    if (r.ratedAt !== null) throw new ConflictError(await current(), 'request_rated', { id: ticket });

    const version = r.version + 1;
    const reopen = body.reopen === true;
    const set: Record<string, unknown> = { rating: body.rating, rated_at: now.toISOString(), version, updated_at: now.toISOString(), updated_by: 'resident' };
    if (reopen) Object.assign(set, freshDeadlines(settings, r, now), { status: 'reopened', reopened: r.reopened + 1, rating: body.rating, rated_at: now.toISOString() });
    await trx('requests').where({ region, id: ticket }).update(set);
    touch('requests', { region, id: ticket });
    // The resident's words are for the lead and the community, not for whoever holds the ticket next.
    await appendEntry(within, region, ticket, { at: now, event: 'rate', status: 'closed', text: body.comment ?? null, public: false, actor: 'resident', version, detail: { rating: body.rating } });
    if (reopen) await appendEntry(within, region, ticket, { at: now, event: 'reopen', status: 'reopened', public: true, actor: 'resident', version, detail: { byRating: body.rating } });
    await audit(
      ctx,
      {
        action: 'request_step', objectType: 'request', objectId: ticket, versionBefore: r.version, versionAfter: version,
        detail: { step: 'rate', rating: body.rating, reopen },
      },
      within,
    );
    const after = (await findRequest(trx, region, ticket))!;
    return publicView(after, await readHistory(trx, region, ticket));
  });
}
