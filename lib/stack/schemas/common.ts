// Building blocks shared by every response schema (see ./index.ts for the rules).
import { z } from "zod";

/** Any JSON value (metadata stores). Missing is treated like null. */
export const jsonValueSchema = z.unknown();

export const millis = z.number();

/** List envelope (`items`, `is_paginated`, `pagination.next_cursor`). `pagination` is only present for paginated endpoints. */
export function listEnvelopeSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    items: z.array(item),
    is_paginated: z.boolean().optional(),
    pagination: z
      .looseObject({
        next_cursor: z.string().nullable().optional(),
      })
      .optional(),
  });
}
export type ListEnvelope<T> = {
  items: T[];
  is_paginated?: boolean;
  pagination?: { next_cursor?: string | null };
};

/** `{ success: true }`: the answer of deletes and actions. */
export const successSchema = z.looseObject({ success: z.literal(true) });
export type Success = z.infer<typeof successSchema>;

/** Endpoints whose body we don't read (e.g. DELETE /internal/email-templates answers `{}`). */
export const anyObjectSchema = z.looseObject({});

// ── Known-error body (`KnownErrorJson`) ──────────────────────────────────────────────────────

export const knownErrorBodySchema = z.looseObject({
  code: z.string(),
  error: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
