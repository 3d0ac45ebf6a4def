import { z } from 'zod';

// Loose lengths on purpose: a malformed username gets the same 401 as a wrong one. Unknown
// fields are still refused: they say nothing about the account.
export const loginBody = z.strictObject({
  username: z.string().max(200),
  password: z.string().max(1024),
});
