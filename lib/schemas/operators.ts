import { z } from "zod";

// Isomorphic: the same schema drives the confirmation and the server action.

export const endOperatorSessionsSchema = z.object({
  email: z.string().trim().max(254).pipe(z.email("Not a valid e-mail address.")).transform((e) => e.toLowerCase()),
  confirmation: z.string().max(512),
});
export type EndOperatorSessionsInput = z.input<typeof endOperatorSessionsSchema>;
