// The jurisdiction rule: who may read or edit what. Server guards and page buttons ask these
// functions; nothing else compares roles with towns.
import { EDIT_REACH, hasAreas, type Role, type Viewer } from './roles';

/** Admins edit every town; a planner only the towns given to the account (EDIT_REACH). */
export const editsTown = (v: Viewer | null | undefined, townId: string): boolean =>
  !!v && (EDIT_REACH[v.role] === 'all' || (EDIT_REACH[v.role] === 'own' && v.towns.includes(townId)));

/** A scenario spanning several towns is edited only by someone who edits all of them. */
export const editsTowns = (v: Viewer | null | undefined, townIds: readonly string[]): boolean =>
  !!v && townIds.every((t) => editsTown(v, t));

/** Leaders read every scenario (to compare them); the others as they edit. */
export const readsTowns = (v: Viewer | null | undefined, townIds: readonly string[]): boolean =>
  !!v && (v.role === 'leader' || editsTowns(v, townIds));

/** Who may start drafts and plans at all (the towns are checked when they are named). */
export const plans = (v: Viewer | null | undefined): boolean => !!v && EDIT_REACH[v.role] !== 'none';

/** Who may open the scenarios page at all: leaders and those who plan (each scenario is then checked by readsTowns). */
export const readsScenarios = (v: Viewer | null | undefined): boolean => !!v && (v.role === 'leader' || plans(v));

/**
 * How an area lead's phone is shown: hall staff answer residents city-wide and call leads all
 * day, so they see it in full; editors of the town may reveal it on purpose (audited); others
 * see it masked.
 */
export const leadPhoneAccess = (v: Viewer | null | undefined, townId: string): 'full' | 'revealable' | 'masked' =>
  v?.role === 'staff' ? 'full' : editsTown(v, townId) ? 'revealable' : 'masked';

/** Whether the lead's phone can be seen at all (in full, or by revealing it). */
export const seesLeadPhone = (v: Viewer | null | undefined, townId: string): boolean => leadPhoneAccess(v, townId) !== 'masked';

// ---- residents' requests (社情民意) and the visit diary ----
// Who is who for a request: the area lead of its area handles it; the community's and the town's
// staff above the lead are the planners of its town (they answer for its communities), who
// handle it too when the lead is away, move it and reopen it; hall staff file requests for
// residents at the counter or on the hotline and place those the look-up could not; leaders and
// hall staff read every request without the resident's name and phone. See docs/decisions.md.

/** Where a request lies once the look-up has placed it; both null before. */
export interface RequestPlace {
  townId: string | null;
  areaId: string | null;
}

/** An area lead answers for the areas named on the account. */
export const leadsArea = (v: Viewer | null | undefined, areaId: string): boolean => !!v && hasAreas(v.role) && (v.areas ?? []).includes(areaId);

/** Who reads requests across the whole city (each without personal data). */
const READS_EVERY_REQUEST: readonly Role[] = ['admin', 'leader', 'staff'];

/** Who may see the request at all: its lead, its town's planners, and those who read every one. */
export const readsRequest = (v: Viewer | null | undefined, r: RequestPlace): boolean =>
  !!v && (READS_EVERY_REQUEST.includes(v.role) || (r.townId !== null && editsTown(v, r.townId)) || (r.areaId !== null && leadsArea(v, r.areaId)));

/** Accept, answer, record and close: the area's lead, or the staff above the lead (the town's planners, admins). */
export const handlesRequest = (v: Viewer | null | undefined, r: RequestPlace): boolean =>
  !!v && ((r.areaId !== null && leadsArea(v, r.areaId)) || (r.townId !== null && editsTown(v, r.townId)));

/**
 * Placing or moving a request into an area of town `toTownId`: the staff of both towns (the
 * request's and the target's); one not yet placed, hall staff too (they dispatch what the
 * counter and the hotline took in).
 */
export const assignsRequest = (v: Viewer | null | undefined, r: RequestPlace, toTownId: string): boolean =>
  !!v && (r.townId === null ? v.role === 'staff' || editsTown(v, toTownId) : editsTown(v, r.townId) && editsTown(v, toTownId));

/** Reopening a closed request (besides the resident's own rating): the community's staff. */
export const reopensRequest = (v: Viewer | null | undefined, r: RequestPlace): boolean => !!v && r.townId !== null && editsTown(v, r.townId);

/**
 * The resident's name and phone: revealed on purpose (and audited) to those who act on the
 * request (its lead, the staff above, admins); masked for everyone else. Nobody sees them
 * unmasked without asking.
 */
export const requesterAccess = (v: Viewer | null | undefined, r: RequestPlace): 'revealable' | 'masked' =>
  v?.role === 'admin' || handlesRequest(v, r) ? 'revealable' : 'masked';

/** Who files a request for a resident: hall and hotline staff, and admins. */
export const filesForResidents = (v: Viewer | null | undefined): boolean => !!v && (v.role === 'staff' || v.role === 'admin');

/** The visit diary is kept by area leads, for their own areas. */
export const keepsDiary = (v: Viewer | null | undefined): boolean => !!v && hasAreas(v.role);
