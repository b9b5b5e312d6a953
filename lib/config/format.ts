// The configuration document's fixed strings, without zod: the settings page's first load uses
// them (its save predicts the config after a change, lib/config/patch.ts → document.ts) and must
// not pull the schema library in with them. lib/schemas/config.ts validates against these.

export const CONFIG_FORMAT = "stack-admin/project-config";
export const CONFIG_VERSION = 1;
/** What an export writes in place of a write-only value; on import it means "keep the live one". */
export const OMITTED_SECRET = "<omitted: write-only>";
/** Shown in a diff where an import sets a new write-only value (never the value itself). */
export const NEW_SECRET = "<new write-only value>";
