// Free text people type for others to read (a resident's request, a lead's diary): plain text of
// a bounded length. Markup is refused with a coded 400 rather than escaped and stored, so no
// page, export or workbook that shows it later has to remember to escape it.
import { z } from 'zod';

/** Tags (<script, </div, <!--, <?xml) and script URLs: what people write here has no use for them. */
const MARKUP = /<\s*[a-z!/?]|javascript\s*:/i;

export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !MARKUP.test(s), { message: 'plain text only, no markup', params: { code: 'request_markup' } });
