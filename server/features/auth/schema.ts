import { z } from 'zod';

// Loose on purpose: a malformed username gets the same 401 as a wrong one.
export const loginBody = z.object({
  username: z.string().max(200),
  password: z.string().max(1024),
});
