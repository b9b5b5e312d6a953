import "server-only";

import crypto from "node:crypto";
import { diffConfig } from "@/lib/config/diff";
import type { ConfigVersionDTO, ConfigVersionSummary } from "@/lib/config-history-dto";
import type { ProjectSummary } from "@/lib/projects-dto";
import { getDb, type ConsoleDb } from "@/lib/server/db";
import type { ConfigHistoryTable } from "@/lib/server/db/schema";
import type { SettingsDTO } from "@/lib/settings-dto";

// Every version of a project's settings the console has seen, in its own database: changes made
// here (who, which fields, before and after), changes seen on a read that were made elsewhere,
// and the first read as a baseline. Only secrets-free SettingsDTOs are stored.

type Project = Pick<ProjectSummary, "slug" | "projectId">;

const fieldsOf = (before: SettingsDTO | null, after: SettingsDTO) => diffConfig(before ?? {}, after).map((c) => c.path);

function toSummary(row: ConfigHistoryTable): ConfigVersionSummary {
  return { id: row.id, at: row.at_millis, kind: row.kind, actor: row.actor_email, source: row.source, fields: JSON.parse(row.fields_json) as string[] };
}

/** The store over one database (tests open their own; the console uses getDb()). */
export function configHistoryStore(db: ConsoleDb) {
  async function latest(project: Project): Promise<ConfigHistoryTable | undefined> {
    return db.selectFrom("config_history").selectAll().where("project_slug", "=", project.slug).orderBy("at_millis", "desc").limit(1).executeTakeFirst();
  }

  async function insert(project: Project, row: Omit<ConfigHistoryTable, "id" | "project_slug" | "project_id" | "at_millis">, previous: ConfigHistoryTable | undefined) {
    // Strictly after the previous version, so order is kept even within one millisecond.
    const at = Math.max(Date.now(), (previous?.at_millis ?? 0) + 1);
    await db.insertInto("config_history").values({ id: crypto.randomUUID(), project_slug: project.slug, project_id: project.projectId, at_millis: at, ...row }).execute();
  }

  return {
    /** A change made through the console. A write that changed nothing is not a version. */
    async record(project: Project, operator: string, before: SettingsDTO, after: SettingsDTO, source: string | null = null): Promise<void> {
      const fields = fieldsOf(before, after);
      if (fields.length === 0) return;
      await insert(project, { kind: "console", actor_email: operator, source, fields_json: JSON.stringify(fields), before_json: JSON.stringify(before), after_json: JSON.stringify(after) }, await latest(project));
    },

    /**
     * The console read `current`: a first read is the baseline; a read that differs from the
     * latest stored version means someone changed the config elsewhere since.
     */
    async noteRead(project: Project, current: SettingsDTO): Promise<void> {
      const last = await latest(project);
      if (!last) {
        await insert(project, { kind: "baseline", actor_email: null, source: null, fields_json: "[]", before_json: null, after_json: JSON.stringify(current) }, last);
        return;
      }
      const stored = JSON.parse(last.after_json) as SettingsDTO;
      const fields = fieldsOf(stored, current);
      if (fields.length === 0) return;
      await insert(project, { kind: "elsewhere", actor_email: null, source: null, fields_json: JSON.stringify(fields), before_json: last.after_json, after_json: JSON.stringify(current) }, last);
    },

    async list(project: Project, limit = 200): Promise<ConfigVersionSummary[]> {
      const rows = await db.selectFrom("config_history").selectAll().where("project_slug", "=", project.slug).orderBy("at_millis", "desc").limit(limit).execute();
      return rows.map(toSummary);
    },

    async get(project: Project, id: string): Promise<ConfigVersionDTO | null> {
      const row = await db.selectFrom("config_history").selectAll().where("project_slug", "=", project.slug).where("id", "=", id).executeTakeFirst();
      if (!row) return null;
      return { ...toSummary(row), before: row.before_json ? (JSON.parse(row.before_json) as SettingsDTO) : null, after: JSON.parse(row.after_json) as SettingsDTO };
    },
  };
}

export async function recordConfigChange(project: Project, operator: string, before: SettingsDTO, after: SettingsDTO, source: string | null = null): Promise<void> {
  await configHistoryStore(await getDb()).record(project, operator, before, after, source);
}

/** Call on every read of the config a page shows; a failure to store is logged, never shown. */
export async function noteConfigRead(project: Project, current: SettingsDTO): Promise<void> {
  try {
    await configHistoryStore(await getDb()).noteRead(project, current);
  } catch (err) {
    console.error(`[config-history] could not note a read of ${project.slug}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function listConfigHistory(project: Project): Promise<ConfigVersionSummary[]> {
  return configHistoryStore(await getDb()).list(project);
}

export async function getConfigVersion(project: Project, id: string): Promise<ConfigVersionDTO | null> {
  return configHistoryStore(await getDb()).get(project, id);
}
