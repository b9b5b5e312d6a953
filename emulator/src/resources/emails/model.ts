import { z } from "zod";
import { statements, type DB } from "../../db";
import { Errors, TextError } from "../../errors";
import { readProjectConfig } from "../../project-bootstrap";
import { s } from "../../validation";
import { BUILTIN_EMAIL_THEMES, isSharedEmailServer, listEmailTemplates, listEmailThemes } from "../project-config";

// Drafts live in their own table; templates and themes in the project config.

export const migrations = [
  {
    id: "emails-0001-drafts",
    sql: `
CREATE TABLE email_drafts (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  theme_id_json TEXT,              -- JSON: "uuid" | false; NULL = project default
  tsx_source TEXT NOT NULL,
  sent_at_millis INTEGER,
  created_at_millis INTEGER NOT NULL
);
CREATE INDEX email_drafts_project ON email_drafts(project_id, created_at_millis);`,
  },
];

export type DraftRow = { id: string; project_id: string; display_name: string; theme_id_json: string | null; tsx_source: string; sent_at_millis: number | null; created_at_millis: number };

function makeStatements(db: DB) {
  return {
    drafts: db.prepare("SELECT * FROM email_drafts WHERE project_id = ? ORDER BY created_at_millis, id"),
    draft: db.prepare("SELECT * FROM email_drafts WHERE project_id = ? AND id = ?"),
    insertDraft: db.prepare(
      "INSERT INTO email_drafts (id, project_id, display_name, theme_id_json, tsx_source, created_at_millis) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    updateDraft: db.prepare("UPDATE email_drafts SET display_name = ?, theme_id_json = ?, tsx_source = ?, sent_at_millis = ? WHERE id = ?"),
    deleteDraft: db.prepare("DELETE FROM email_drafts WHERE project_id = ? AND id = ?"),
    sentEmails: db.prepare("SELECT id, payload_json, created_at_millis FROM emulator_outbox WHERE project_id = ? AND kind = 'email' ORDER BY seq DESC"),
    allUsers: db.prepare("SELECT id FROM users WHERE project_id = ? ORDER BY signed_up_at_millis, id").pluck(),
    primaryEmail: db.prepare("SELECT value FROM contact_channels WHERE user_id = ? AND type = 'email' AND is_primary = 1").pluck(),
    authChannel: db.prepare(
      "SELECT user_id FROM contact_channels WHERE project_id = ? AND type = 'email' AND value_lower = ? AND used_for_auth = 1",
    ).pluck(),
    projectName: db.prepare("SELECT display_name FROM projects WHERE id = ?").pluck(),
  };
}
export const emailStatements = statements(makeStatements);

export const themeIdValue = z.union([s.uuid(), z.literal(false)]);

/** Resolves a theme choice (`undefined`/`null` = project default, `false` = none) to its source. */
export function themeSourceFor(db: DB, projectId: string, themeId: string | false | null | undefined): string | null {
  const cfg = readProjectConfig(db, projectId);
  if (themeId === false) return null;
  const id = themeId ?? ((cfg.emails as { selectedThemeId?: string } | undefined)?.selectedThemeId ?? BUILTIN_EMAIL_THEMES[0]!.id);
  const theme = listEmailThemes(cfg).find((t) => t.id === id);
  if (!theme) throw new TextError(400, `No theme found with ID ${id}`);
  return theme.tsx_source;
}

/**
 * A theme source must export `EmailTheme`: real servers render a preview template with it before
 * saving (internal/email-themes cud.tsx) and refuse one that does not render (EMAIL_RENDERING_ERROR).
 */
export function requireThemeExport(tsx: string) {
  if (!/export\s+(?:function|const)\s+EmailTheme\b/.test(tsx)) throw Errors.emailRenderingError("The theme must export an EmailTheme component");
}

export function requireCustomServer(db: DB, projectId: string) {
  if (isSharedEmailServer(readProjectConfig(db, projectId))) throw Errors.requiresCustomEmailServer();
}


export const idParams = z.strictObject({ id: s.uuid() });

/** The project's display name (the `project.displayName` template variable). */
export const projectDisplayName = (db: DB, projectId: string) => String(emailStatements(db).projectName.get(projectId) ?? "");

/** A template of the project (built-in or custom) by id. */
export const findTemplate = (db: DB, projectId: string, id: string | undefined) =>
  listEmailTemplates(readProjectConfig(db, projectId)).find((t) => t.id === id);

/** A theme of the project (built-in or custom) by id. */
export const findTheme = (db: DB, projectId: string, id: string) => listEmailThemes(readProjectConfig(db, projectId)).find((t) => t.id === id);
