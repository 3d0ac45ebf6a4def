// Every route reads its path parameters, query and body through parseRequest, so they are all
// checked the same way: a zod schema each, a 400 naming the part and field that is wrong, and a
// query that takes nothing the route does not declare (a misspelt filter must not silently
// return everything).
import type { Request } from 'express';
import { z } from 'zod';
import { HttpError } from './errors';

type Part = 'params' | 'query' | 'body';
export type RequestSchemas = Partial<Record<Part, z.ZodType>>;
type Parsed<S extends RequestSchemas> = { [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never };

/** A route without a query schema accepts no query parameters at all. */
const noQuery = z.strictObject({});

export function parseRequest<S extends RequestSchemas>(req: Request, schemas: S): Parsed<S> {
  const parsed: Partial<Record<Part, unknown>> = {};
  const issues: z.core.$ZodIssue[] = [];
  const parts: [Part, z.ZodType | undefined, unknown][] = [
    ['params', schemas.params, req.params],
    ['query', schemas.query ?? noQuery, req.query],
    ['body', schemas.body, req.body],
  ];
  for (const [part, schema, value] of parts) {
    if (!schema) continue;
    if (part === 'body' && value === undefined) throw new HttpError(400, 'a JSON body is required');
    const result = schema.safeParse(value);
    if (result.success) parsed[part] = result.data;
    else issues.push(...result.error.issues.map((issue) => ({ ...issue, path: [part, ...issue.path] })));
  }
  // The error handler turns this into 400 "query.bbox: …; body.username: …".
  if (issues.length) throw new z.ZodError(issues);
  return parsed as Parsed<S>;
}
