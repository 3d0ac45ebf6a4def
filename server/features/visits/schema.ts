// The visit diary's input: what was heard is a page of plain text at most; a visit is dated
// today or earlier (checked against the clock in the service).
import { z } from 'zod';
import { REQUEST_CATEGORIES } from '../../domain/request-categories';
import { wholeNumber } from '../../http/parse';
import { plainText } from '../../http/plain-text';


export const newVisit = z.strictObject({
  buildingId: z.string().trim().min(1).max(64),
  household: plainText(50).optional(),
  visitedOn: z.iso.date(),
  heard: plainText(2000).pipe(z.string().min(1, 'write what was heard')),
  followUp: plainText(2000).optional(),
});
export type NewVisit = z.infer<typeof newVisit>;

/** A visit's follow-up made a request: the visit's version, and the request's category and words. */
export const visitToRequest = z.strictObject({
  version: z.number().int().positive(),
  category: z.enum(REQUEST_CATEGORIES),
  text: plainText(2000).pipe(z.string().min(2)),
});
export type VisitToRequest = z.infer<typeof visitToRequest>;

export const visitParams = z.strictObject({ id: z.string().min(1).max(64) });
export const diaryQuery = z.strictObject({ area: z.string().trim().min(1).max(64).optional(), limit: wholeNumber(1, 500).default(100) });
