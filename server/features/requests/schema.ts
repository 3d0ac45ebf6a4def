// The input of every request route. What a resident types is bounded (a description of a
// page, an address of a line), plain text only (markup is refused, not escaped and stored), and
// a phone comes only with consent; the pin's range is checked here, whether it lies in the city
// by the look-up.
import { z } from 'zod';
import { REQUEST_CATEGORIES } from '../../domain/request-categories';
import { RATINGS, REOPEN_BELOW_RATING } from '../../domain/requests';
import { wholeNumber } from '../../http/parse';
import { plainText } from '../../http/plain-text';


export const TEXT_MAX = 2000;
const text = plainText(TEXT_MAX).pipe(z.string().min(2, 'describe the matter'));
const address = plainText(200).pipe(z.string().min(1));
const location = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
// Mobile (13812341234) or landline with area code (0523-81234567), as the areas' phones.
const phone = z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'a mobile number (11 digits) or a landline with its area code');
const category = z.enum(REQUEST_CATEGORIES);

const residentFields = {
  category,
  text,
  address: address.optional(),
  location: location.optional(),
  phone: phone.optional(),
  consent: z.boolean().optional(),
};

type Placed = { address?: string; location?: unknown; phone?: string; consent?: boolean };
const placed = (r: Placed) => r.address !== undefined || r.location !== undefined;
const consented = (r: Placed) => r.phone === undefined || r.consent === true;

/** POST /api/public/requests (the public contract's fields). */
export const publicFiling = z
  .strictObject(residentFields)
  .refine(placed, { message: 'address or location is required', params: { code: 'request_needs_place' } })
  .refine(consented, { message: 'a phone needs consent', path: ['consent'], params: { code: 'request_phone_needs_consent' } });
export type PublicFiling = z.infer<typeof publicFiling>;

/** POST /api/requests: hall or hotline staff file for a resident, who may give a name too. */
export const staffFiling = z
  .strictObject({
    ...residentFields,
    name: plainText(50).pipe(z.string().min(1)).optional(),
    channel: z.enum(['hall', 'hotline']),
  })
  .refine(placed, { message: 'address or location is required', params: { code: 'request_needs_place' } })
  .refine(consented, { message: 'a phone needs consent', path: ['consent'], params: { code: 'request_phone_needs_consent' } });
export type StaffFiling = z.infer<typeof staffFiling>;

const version = z.number().int().positive();
const words = plainText(TEXT_MAX).pipe(z.string().min(1, 'write what was said or done'));

/** POST /api/requests/:id/steps: one step, from the version the page shows. */
export type StepBody =
  | { step: 'accept'; version: number }
  | { step: 'reply' | 'note' | 'close' | 'reopen'; version: number; text: string }
  | { step: 'assign'; version: number; areaId: string };

const STAFF_STEPS = ['accept', 'reply', 'note', 'close', 'assign', 'reopen'] as const;
/** What each step carries besides its version: words, an area, or nothing. */
const CARRIES: Record<(typeof STAFF_STEPS)[number], 'text' | 'areaId' | null> = {
  accept: null, reply: 'text', note: 'text', close: 'text', reopen: 'text', assign: 'areaId',
};

// One strict object rather than a union of them, so a misspelt field is named as such whatever the step.
export const stepBody = z
  .strictObject({ step: z.enum(STAFF_STEPS), version, text: words.optional(), areaId: z.string().trim().min(1).max(64).optional() })
  .superRefine((b, ctx) => {
    for (const field of ['text', 'areaId'] as const) {
      const wanted = CARRIES[b.step] === field;
      if (wanted === (b[field] === undefined)) {
        const params = { code: 'request_step_fields', step: b.step, field, wanted };
        ctx.addIssue({ code: 'custom', path: [field], message: `the step "${b.step}" ${wanted ? 'needs' : 'takes no'} ${field}`, params });
      }
    }
  })
  .transform((b) => b as StepBody);

/** POST /api/public/requests/:ticket/rating: stars, a few words, and whether to handle it again. */
export const ratingBody = z
  .strictObject({
    rating: z.number().int().min(RATINGS[0]).max(RATINGS[RATINGS.length - 1]!),
    comment: plainText(500).optional(),
    reopen: z.boolean().optional(),
  })
  .refine((r) => !r.reopen || r.rating < REOPEN_BELOW_RATING, {
    message: `reopen only with a rating below ${REOPEN_BELOW_RATING}`,
    path: ['reopen'],
    params: { code: 'request_reopen_rating', below: REOPEN_BELOW_RATING },
  });
export type RatingBody = z.infer<typeof ratingBody>;

export const ticketParams = z.strictObject({ ticket: z.string().min(1).max(32) });
export const idParams = z.strictObject({ id: z.string().min(1).max(32) });

const unitId = z.string().trim().min(1).max(64);
const day = z.iso.date();

/** GET /api/requests: open ones by default, the newest first, a page at a time. */
export const listQuery = z.strictObject({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  area: unitId.optional(),
  community: unitId.optional(),
  town: unitId.optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: wholeNumber(1, 500).default(100),
  before: z.iso.datetime({ offset: true }).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

/** GET /api/requests/figures(.xlsx): per area, community or town, over a period (default the last year). */
export const figuresQuery = z.strictObject({
  level: z.enum(['area', 'community', 'town']).default('town'),
  town: unitId.optional(),
  community: unitId.optional(),
  from: day.optional(),
  to: day.optional(),
});
export type FiguresQuery = z.infer<typeof figuresQuery>;

/** GET /api/requests/points: the map's points over a period, optionally one town's. */
export const pointsQuery = z.strictObject({ town: unitId.optional(), from: day.optional(), to: day.optional() });
export type PointsQuery = z.infer<typeof pointsQuery>;
