// Every route reads its path parameters, query and body through parseRequest, so they are all
// checked the same way: no control character anywhere (control-characters.ts), then a zod
// schema each, a 400 naming the part and field that is wrong, a query that takes nothing the
// route does not declare (a misspelt filter must not silently return everything) and a body
// that carries nothing the route does not declare (an ignored field is a silent surprise).
import type { Request } from 'express';
import { z } from 'zod';
import { controlCharacterField, type TextKind } from './control-characters';
import { HttpError } from './errors';

type Part = 'params' | 'query' | 'body';
export type RequestSchemas = Partial<Record<Part, z.ZodType>>;
type Parsed<S extends RequestSchemas> = { [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never };

/** A route without a query schema accepts no query parameters at all. */
const noQuery = z.strictObject({});
/** A route without a body schema accepts no body fields: at most `{}`, or no body. */
const noBody = z.strictObject({}).optional();

const TEXT_KIND: Record<Part, TextKind> = { params: 'line', query: 'line', body: 'text' };

/**
 * A whole number in a path or query parameter, in decimal digits only: Number() would also take
 * "", " 7", "1e3" and "0x10", so one tile or page would answer under many addresses.
 */
export const wholeNumber = (min: number, max: number) =>
  z.string().regex(/^\d{1,15}$/, 'a whole number in decimal digits').transform(Number).pipe(z.number().min(min).max(max));

export function parseRequest<S extends RequestSchemas>(req: Request, schemas: S): Parsed<S> {
  // A file upload's body is its bytes (Buffer), read by its own route, not JSON.
  const body: unknown = Buffer.isBuffer(req.body) ? undefined : req.body;
  const values: Record<Part, unknown> = { params: req.params, query: req.query, body };
  for (const part of ['params', 'query', 'body'] as const) {
    const field = controlCharacterField(values[part], part, TEXT_KIND[part]);
    if (field) throw new HttpError(400, 'control_character', { field });
  }
  const parsed: Partial<Record<Part, unknown>> = {};
  const issues: z.core.$ZodIssue[] = [];
  const parts: [Part, z.ZodType | undefined][] = [
    ['params', schemas.params],
    ['query', schemas.query ?? noQuery],
    ['body', schemas.body ?? noBody],
  ];
  for (const [part, schema] of parts) {
    if (!schema) continue;
    const value = values[part];
    if (part === 'body' && schemas.body && value === undefined) throw new HttpError(400, 'body_required');
    const result = schema.safeParse(value);
    if (result.success) parsed[part] = result.data;
    else issues.push(...result.error.issues.map((issue) => ({ ...issue, path: [part, ...issue.path] })));
  }
  // The error handler turns this into 400 "query.bbox: …; body.username: …".
  if (issues.length) throw new z.ZodError(issues);
  return parsed as Parsed<S>;
}
