import { z } from 'zod';
import { IMPORT_LAYERS } from '../../domain/layers';
import { wholeNumber } from '../../http/parse';

const id = z.string().regex(/^I[0-9a-f]{12}$/, 'an import id (I and 12 hex digits)');
export const importParams = z.strictObject({ id });
export const layerParams = z.strictObject({ id, layer: z.enum(IMPORT_LAYERS) });
/** The version the client started from: every step carries it. */
const startedFrom = z.number().int().min(1);
export const stepBody = z.strictObject({ version: startedFrom });
export const commitBody = z.strictObject({ version: startedFrom, acceptWarnings: z.boolean().optional() });
export const versionQuery = z.strictObject({ version: wholeNumber(1, Number.MAX_SAFE_INTEGER) });

/** The file's own name tells its format where its bytes do not (a CSV); a workbook's sheet may be chosen. */
export const fileQuery = z.strictObject({
  version: wholeNumber(1, Number.MAX_SAFE_INTEGER),
  name: z.string().trim().min(1).max(255),
  sheet: z.string().trim().min(1).max(100).optional(),
});

const column = z.string().max(200).nullable();
export const mappingBody = z.strictObject({
  version: startedFrom,
  /** Field → the file's column (null: none); fields not named keep their suggested column. */
  mapping: z.record(z.string().max(40), column).optional(),
  /** wgs84 | cgcs2000 | gcj02 | bd09 | an EPSG code, ":yx" after it when Y comes first. */
  crs: z.string().trim().min(1).max(24).optional(),
  mode: z.enum(['replace', 'merge']).optional(),
  sheet: z.string().trim().min(1).max(100).optional(),
});
