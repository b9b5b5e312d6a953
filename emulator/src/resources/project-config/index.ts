import { z } from "zod";
import { TextError } from "../../errors";
import { RELEASES } from "../../releases/profiles";
import { route, type EmulatorModule } from "../../router";
import { deleteProject, projectUpdateBody, updateProject } from "./legacy-update";
import { expandDotted, getOverride, isObj, loadLayers, migrations, patchOverride, removePath, setOverride, setSource, type Level, type Obj } from "./overrides";
import { renderAdminProject, renderClientProject, renderFullConfig } from "./render";

// Project configuration: GET/PATCH/DELETE /internal/projects/current, GET /projects/current and
// the config override endpoints (/internal/config…). What other modules use of it:
export { BUILTIN_EMAIL_TEMPLATES, BUILTIN_EMAIL_THEMES, isSharedEmailServer, listEmailTemplates, listEmailThemes } from "./email-library";
export { expandDotted, getOverride, isObj, mergeOverrides, patchOverride, setOverride, type Level, type Obj } from "./overrides";
export { renderAdminProject, renderClientProject, renderFullConfig } from "./render";
export { deleteProject, OAUTH_PROVIDER_IDS, SHARED_OAUTH_PROVIDER_IDS } from "./legacy-update";

const levelParams = z.strictObject({ level: z.enum(["project", "branch", "environment"]) });
const resetLevelParams = z.strictObject({ level: z.enum(["branch", "environment"]) });

function parseConfigString(s: string): Obj {
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch {
    throw new TextError(400, "Invalid config JSON");
  }
  if (!isObj(v)) throw new TextError(400, "Config override must be a JSON object");
  return v;
}

function assertServerLevel(accessType: string, level: Level) {
  if (accessType === "server" && level !== "branch") throw new TextError(403, "Server access can only manage branch config overrides.");
}

const sourceSchema = z.union([
  z.strictObject({
    type: z.literal("pushed-from-github"),
    owner: z.string(),
    repo: z.string(),
    branch: z.string(),
    commit_hash: z.string(),
    config_file_path: z.string(),
    workflow_path: z.string().optional(),
  }),
  z.strictObject({ type: z.literal("pushed-from-unknown") }),
  z.strictObject({ type: z.literal("unlinked") }),
]);

export const projectConfigModule: EmulatorModule = {
  name: "project-config",
  migrations,
  routes: [
    route({
      method: "GET",
      path: "/internal/projects/current",
      access: ["admin"],
      handler: ({ auth, services }) => renderAdminProject(services.db, auth.projectId),
    }),
    route({
      method: "PATCH",
      path: "/internal/projects/current",
      access: ["admin"],
      body: projectUpdateBody,
      handler: ({ auth, body, services }) => {
        updateProject(services.db, auth.projectId, body);
        return renderAdminProject(services.db, auth.projectId);
      },
    }),
    route({
      method: "DELETE",
      path: "/internal/projects/current",
      access: ["admin"],
      handler: ({ auth, services }) => {
        deleteProject(services.db, auth.projectId);
        return { success: true };
      },
    }),
    route({
      method: "GET",
      path: "/projects/current",
      access: ["client", "server", "admin"],
      handler: ({ auth, services }) =>
        auth.accessType === "admin" && RELEASES[services.config.release].projectsCurrentIsAdminCrud
          ? renderAdminProject(services.db, auth.projectId)
          : renderClientProject(services.db, auth.projectId),
    }),
    // Only releases whose /projects/current is the projects CRUD have it; the others answer 405 as
    // for a method the emulator does not serve (2.8.86's empty 405 is its profile's methodNotAllowed).
    route({
      method: "PATCH",
      path: "/projects/current",
      access: ["admin"],
      body: projectUpdateBody,
      handler: ({ auth, body, services }) => {
        if (!RELEASES[services.config.release].projectsCurrentIsAdminCrud) throw new TextError(405, "Method PATCH is not allowed for /api/v1/projects/current.");
        updateProject(services.db, auth.projectId, body);
        return renderAdminProject(services.db, auth.projectId);
      },
    }),
    route({
      method: "GET",
      path: "/internal/config",
      access: ["admin"],
      handler: ({ auth, services }) => ({ config_string: JSON.stringify(renderFullConfig(services.db, auth.projectId)) }),
    }),
    route({
      method: "GET",
      path: "/internal/config/override/:level",
      access: ["server", "admin"],
      params: levelParams,
      handler: ({ auth, params, services }) => {
        assertServerLevel(auth.accessType, params.level);
        return { config_string: JSON.stringify(getOverride(services.db, auth.projectId, params.level)) };
      },
    }),
    route({
      method: "PUT",
      path: "/internal/config/override/:level",
      access: ["server", "admin"],
      params: levelParams,
      body: z.strictObject({ config_string: z.string(), source: sourceSchema.optional() }),
      handler: ({ auth, params, body, services }) => {
        assertServerLevel(auth.accessType, params.level);
        const parsed = parseConfigString(body.config_string);
        if (params.level === "branch" && !body.source) throw new TextError(400, "source is required for branch level config");
        const db = services.db;
        db.transaction(() => {
          setOverride(db, auth.projectId, params.level, expandDotted(parsed));
          if (params.level === "branch" && body.source) setSource(db, auth.projectId, body.source);
        })();
        return { success: true };
      },
    }),
    route({
      method: "PATCH",
      path: "/internal/config/override/:level",
      access: ["server", "admin"],
      params: levelParams,
      body: z.strictObject({ config_override_string: z.string() }),
      handler: ({ auth, params, body, services }) => {
        assertServerLevel(auth.accessType, params.level);
        patchOverride(services.db, auth.projectId, params.level, parseConfigString(body.config_override_string));
        return { success: true };
      },
    }),
    route({
      method: "POST",
      path: "/internal/config/override/:level/reset-keys",
      access: ["server", "admin"],
      params: resetLevelParams,
      body: z.strictObject({ keys: z.array(z.string()) }),
      handler: ({ auth, params, body, services }) => {
        assertServerLevel(auth.accessType, params.level);
        const db = services.db;
        db.transaction(() => {
          let o = getOverride(db, auth.projectId, params.level);
          for (const k of body.keys) o = removePath(o, k);
          setOverride(db, auth.projectId, params.level, o);
        })();
        return { success: true };
      },
    }),
    route({
      method: "GET",
      path: "/internal/config/source",
      access: ["server", "admin"],
      handler: ({ auth, services }) => {
        const db = services.db;
        return { source: db.transaction(() => loadLayers(db, auth.projectId).source)() };
      },
    }),
    route({
      method: "DELETE",
      path: "/internal/config/source",
      access: ["server", "admin"],
      handler: ({ auth, services }) => {
        const db = services.db;
        db.transaction(() => {
          loadLayers(db, auth.projectId);
          setSource(db, auth.projectId, { type: "unlinked" });
        })();
        return { success: true };
      },
    }),
  ],
};
