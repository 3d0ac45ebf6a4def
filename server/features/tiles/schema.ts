import { z } from 'zod';
import { wholeNumber } from '../../http/parse';

/** `/tiles/{layer}/{z}/{x}/{y}.pbf`; the layer is looked up in the catalogue (404 when unknown). */
export const tileParams = z
  .strictObject({
    layer: z.string(),
    z: wholeNumber(0, 22),
    x: wholeNumber(0, 2 ** 22),
    // The last path segment is `{y}.pbf`.
    file: z
      .string()
      .regex(/^\d{1,15}\.pbf$/, 'tile path must end in {y}.pbf')
      .transform((file) => Number(file.slice(0, -'.pbf'.length))),
  })
  .transform(({ file, ...rest }) => ({ ...rest, y: file }))
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: 'x and y must be below 2^z' });
