import "server-only";

import crypto from "node:crypto";
import type { z } from "zod";
import type { ProjectSummary } from "@/lib/projects-dto";
import { hasRole, type Role } from "@/lib/roles";
import type { createViewSchema, deleteViewSchema, renameViewSchema } from "@/lib/schemas/views";
import type { ChangeRecorder } from "@/lib/server/action";
import { getDb, type ConsoleDb } from "@/lib/server/db";
import type { SavedViewsTable } from "@/lib/server/db/schema";
import { ActionRefusal } from "@/lib/server/failure";
import { filterSearch, usersUrl, type UserListParams } from "@/lib/url-state/users";
import type { SavedView } from "@/lib/views-dto";

// Saved views: a named filter + sort over a project's users, kept in the console's database and
// shared by every operator of the project. Only the users table's URL state is stored, and it is
// parsed again on every read, so a view can never carry more than the URL could.

type Project = Pick<ProjectSummary, "slug">;
type Operator = { email: string; role: Role };

/** Names are unique per project, ignoring case and surrounding space. */
const nameKey = (name: string) => name.trim().toLowerCase();

/** The stored search, canonical: only the filter and sort the users URL state accepts. */
export const canonicalSearch = (search: string) => filterSearch(usersUrl.parse(new URLSearchParams(search)).params);

const toView = (row: SavedViewsTable): SavedView => ({
  id: row.id,
  name: row.name,
  search: canonicalSearch(row.search),
  ownerEmail: row.owner_email,
  createdAt: Number(row.created_at_millis),
  updatedAt: Number(row.updated_at_millis),
});

const taken = (name: string) => new ActionRefusal("VIEW_NAME_TAKEN", `A view named “${name}” already exists in this project.`);

/** A unique-index violation on either engine (SQLite's constraint code, PostgreSQL's 23505). */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505";
}

/** The store over one database (tests open their own; the console uses getDb()). */
export function viewsStore(db: ConsoleDb) {
  const row = (project: Project, id: string) => db.selectFrom("saved_views").selectAll().where("project_slug", "=", project.slug).where("id", "=", id).executeTakeFirst();

  return {
    async list(project: Project): Promise<SavedView[]> {
      const rows = await db.selectFrom("saved_views").selectAll().where("project_slug", "=", project.slug).orderBy("name_key").orderBy("id").limit(500).execute();
      return rows.map(toView);
    },

    async get(project: Project, id: string): Promise<SavedView | null> {
      const r = await row(project, id);
      return r ? toView(r) : null;
    },

    async create(project: Project, owner: string, name: string, search: string): Promise<SavedView> {
      const now = Date.now();
      const values: SavedViewsTable = { id: crypto.randomUUID(), project_slug: project.slug, name: name.trim(), name_key: nameKey(name), search: canonicalSearch(search), owner_email: owner, created_at_millis: now, updated_at_millis: now };
      try {
        await db.insertInto("saved_views").values(values).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw taken(values.name);
        throw err;
      }
      return toView(values);
    },

    async rename(project: Project, id: string, name: string): Promise<SavedView | null> {
      try {
        await db.updateTable("saved_views").set({ name: name.trim(), name_key: nameKey(name), updated_at_millis: Date.now() }).where("project_slug", "=", project.slug).where("id", "=", id).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw taken(name.trim());
        throw err;
      }
      const r = await row(project, id);
      return r ? toView(r) : null;
    },

    async remove(project: Project, id: string): Promise<void> {
      await db.deleteFrom("saved_views").where("project_slug", "=", project.slug).where("id", "=", id).execute();
    },
  };
}

const store = async () => viewsStore(await getDb());

export async function listViews(project: Project): Promise<SavedView[]> {
  return (await store()).list(project);
}

export async function getView(project: Project, viewId: string): Promise<SavedView | null> {
  return (await store()).get(project, viewId);
}

/**
 * The users-list parameters of a saved view (page 1, default page size), for an export or a bulk
 * job over it: the same params `listUserPage` and `openUserWalk` take. Null when there is no
 * such view in this project.
 */
export async function resolveView(project: Project, viewId: string): Promise<UserListParams | null> {
  const view = await getView(project, viewId);
  if (!view) return null;
  return { ...usersUrl.parse(new URLSearchParams(view.search)).params, view: view.id, cursor: undefined };
}

/** Owners change their own views; admins anyone's. */
export const canManageView = (operator: Operator, view: Pick<SavedView, "ownerEmail">) => view.ownerEmail === operator.email || hasRole(operator.role, "admin");

type In<S extends z.ZodType> = z.output<S>;

const notFound = () => new ActionRefusal("VIEW_NOT_FOUND", "That view no longer exists. Reload the page.");

async function managed(project: Project, operator: Operator, viewId: string): Promise<SavedView> {
  const view = await (await store()).get(project, viewId);
  if (!view) throw notFound();
  if (!canManageView(operator, view)) throw new ActionRefusal("FORBIDDEN", `Only its owner (${view.ownerEmail}) or an admin can change the view “${view.name}”.`);
  return view;
}

export async function createView(project: Project, operator: Operator, input: In<typeof createViewSchema>, rec: ChangeRecorder): Promise<SavedView> {
  const view = await (await store()).create(project, operator.email, input.name, input.search);
  rec.audit({ type: "view", id: view.id, label: view.name }, { after: { name: view.name, search: view.search } });
  return view;
}

export async function renameView(project: Project, operator: Operator, input: In<typeof renameViewSchema>, rec: ChangeRecorder): Promise<SavedView> {
  const before = await managed(project, operator, input.viewId);
  rec.audit({ type: "view", id: before.id, label: input.name }, { before: { name: before.name }, after: { name: input.name } });
  const after = await (await store()).rename(project, before.id, input.name);
  if (!after) throw notFound();
  return after;
}

export async function deleteView(project: Project, operator: Operator, input: In<typeof deleteViewSchema>, rec: ChangeRecorder): Promise<{ id: string }> {
  const view = await managed(project, operator, input.viewId);
  rec.audit({ type: "view", id: view.id, label: view.name }, { before: { name: view.name, search: view.search, owner: view.ownerEmail } });
  await (await store()).remove(project, view.id);
  return { id: view.id };
}
