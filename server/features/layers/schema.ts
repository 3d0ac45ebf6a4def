import { z } from 'zod';
import { wholeNumber } from '../../http/parse';

export const MAX_FEATURES = 100_000;

/** `minLng,minLat,maxLng,maxLat` in WGS84, west before east and south before north. */
export const bboxSchema = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => (p.trim() === '' ? NaN : Number(p)));
    const [w, s_, e, n] = parts as [number, number, number, number];
    if (parts.length !== 4 || parts.some((p) => !Number.isFinite(p))) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be four numbers: minLng,minLat,maxLng,maxLat' });
      return z.NEVER;
    }
    if (w < -180 || e > 180 || s_ < -90 || n > 90 || w > e || s_ > n) {
      ctx.addIssue({ code: 'custom', message: 'bbox must lie within -180..180, -90..90 with min ≤ max' });
      return z.NEVER;
    }
    return [w, s_, e, n] as [number, number, number, number];
  });

const idSchema = z.string().min(1).max(64);

export const layerQuerySchema = z.strictObject({
  bbox: bboxSchema.optional(),
  limit: wholeNumber(1, MAX_FEATURES).default(MAX_FEATURES),
  town: idSchema.optional(),
  community: idSchema.optional(),
  area: idSchema.optional(),
});
