import { z } from "zod";

// Isomorphic: the command palette's server-side lookup (app/api/search) and its answer.

export const SEARCH_MAX_LENGTH = 200;

export const searchParamsSchema = z.object({
  q: z
    .string("Type something to search for.")
    .trim()
    .min(1, "Type something to search for.")
    .max(SEARCH_MAX_LENGTH, `At most ${SEARCH_MAX_LENGTH} characters.`),
});
export type SearchParams = z.infer<typeof searchParamsSchema>;

/** One thing the palette can jump to: a user or a team, labelled for display. */
export type SearchHit = { kind: "user" | "team"; id: string; label: string; detail: string | null };

export type SearchResult = { users: SearchHit[]; teams: SearchHit[] };
