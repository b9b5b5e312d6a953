import { z } from "zod";
import { IMPORT_TARGETS, PRESET_IDS } from "@/lib/import-presets";

// Isomorphic: the limits and inputs of the users CSV import (the page, its route handlers and
// the importUsers action share them).

export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 100_000;
export const IMPORT_MAX_COLUMNS = 200;
/** Uploads go up in pieces below the console's request body limit (2 MB). */
export const IMPORT_CHUNK_BYTES = 1024 * 1024;
export const IMPORT_MAX_CHUNKS = Math.ceil(IMPORT_MAX_BYTES / IMPORT_CHUNK_BYTES);

export const uploadId = z.uuid("Not a valid upload id.");

export const columnMappingSchema = z.object({
  target: z.enum(IMPORT_TARGETS),
  key: z.string().trim().min(1, "Name the metadata key.").max(200, "At most 200 characters.").optional(),
});

export const importMappingSchema = z.object({
  hasHeader: z.boolean(),
  stripApostrophe: z.boolean(),
  columns: z.array(columnMappingSchema).max(IMPORT_MAX_COLUMNS, `At most ${IMPORT_MAX_COLUMNS} columns.`),
});

export const importRequestSchema = z.object({
  uploadId,
  preset: z.enum(PRESET_IDS).nullable(),
  mapping: importMappingSchema,
});
export type ImportRequest = z.input<typeof importRequestSchema>;
