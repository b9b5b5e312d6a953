import { statements, type DB } from "../../db";

// The project config model: `projects.config_json` holds the rendered config in the config-key
// model of @stackframe/stack-shared (`projectConfigSchema` … `environmentConfigSchema`; what
// auth.ts and the other modules read). It is rendered from layers:
//   base (the config the project was created with) ← project ← branch ← environment
// kept in `project_config_layers`. The legacy `config` object of the admin project, the
// client view and `/internal/config` are all rendered from that one model; the legacy
// PATCH writes into the environment override, like newer servers do.
// Overrides are stored in nested form (dotted keys expanded); `null` in an override removes
// the key from the rendered config.

export type Level = "project" | "branch" | "environment";
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const clone = <T,>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

/** The value at a dotted path, or undefined. */
export const get = (o: unknown, path: string): unknown => {
  let cur = o;
  for (const p of path.split(".")) {
    if (!isObj(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
};
export const bool = (o: unknown, path: string, dflt: boolean) => {
  const v = get(o, path);
  return typeof v === "boolean" ? v : dflt;
};

/** Expands dotted keys (`"a.b": 1` → `{a: {b: 1}}`) recursively; later keys win. */
export function expandDotted(o: Obj): Obj {
  const out: Obj = {};
  for (const [key, raw] of Object.entries(o)) {
    const value = isObj(raw) ? expandDotted(raw) : clone(raw);
    const parts = key.split(".");
    let cur = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i]!;
      if (!isObj(cur[p])) cur[p] = {};
      cur = cur[p] as Obj;
    }
    const last = parts[parts.length - 1]!;
    if (isObj(value) && isObj(cur[last])) cur[last] = mergeOverrides(cur[last] as Obj, value);
    else cur[last] = value;
  }
  return out;
}

/** Merges two (nested) overrides; `b` wins, nulls are kept as removal markers. */
export function mergeOverrides(a: Obj, b: Obj): Obj {
  const out: Obj = clone(a);
  for (const [k, v] of Object.entries(b)) {
    if (isObj(v) && isObj(out[k])) out[k] = mergeOverrides(out[k] as Obj, v);
    else out[k] = clone(v);
  }
  return out;
}

/** Applies a nested override to a config: objects merge, `null` removes, anything else replaces. */
function applyOverride(config: Obj, override: Obj): Obj {
  const out: Obj = clone(config);
  for (const [k, v] of Object.entries(override)) {
    if (v === null) delete out[k];
    else if (isObj(v)) out[k] = applyOverride(isObj(out[k]) ? (out[k] as Obj) : {}, v);
    else out[k] = clone(v);
  }
  return out;
}

export function removePath(o: Obj, dotted: string): Obj {
  const out = clone(o);
  const parts = dotted.split(".");
  let cur: Obj | undefined = out;
  for (let i = 0; i < parts.length - 1 && cur; i++) {
    const next: unknown = cur[parts[i]!];
    cur = isObj(next) ? next : undefined;
  }
  if (cur) delete cur[parts[parts.length - 1]!];
  return out;
}

// ---------------------------------------------------------------------------------------
// Storage

export const migrations = [
  {
    id: "project-config-0001-layers",
    sql: `
CREATE TABLE project_config_layers (
  project_id TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
  base_json TEXT NOT NULL,
  project_json TEXT NOT NULL DEFAULT '{}',
  branch_json TEXT NOT NULL DEFAULT '{}',
  environment_json TEXT NOT NULL DEFAULT '{}',
  source_json TEXT NOT NULL DEFAULT '{"type":"unlinked"}'
);`,
  },
];

type LayersRow = { base_json: string; project_json: string; branch_json: string; environment_json: string; source_json: string };

function makeStatements(db: DB) {
  return {
    configJson: db.prepare("SELECT config_json FROM projects WHERE id = ?").pluck(),
    setConfigJson: db.prepare("UPDATE projects SET config_json = ? WHERE id = ?"),
    layers: db.prepare("SELECT base_json, project_json, branch_json, environment_json, source_json FROM project_config_layers WHERE project_id = ?"),
    insertLayers: db.prepare("INSERT INTO project_config_layers (project_id, base_json) VALUES (?, ?)"),
    setLevel: {
      project: db.prepare("UPDATE project_config_layers SET project_json = ? WHERE project_id = ?"),
      branch: db.prepare("UPDATE project_config_layers SET branch_json = ? WHERE project_id = ?"),
      environment: db.prepare("UPDATE project_config_layers SET environment_json = ? WHERE project_id = ?"),
    },
    setSource: db.prepare("UPDATE project_config_layers SET source_json = ? WHERE project_id = ?"),
  };
}
const S = statements(makeStatements);

export function loadLayers(db: DB, projectId: string) {
  const s = S(db);
  let row = s.layers.get(projectId) as LayersRow | undefined;
  if (!row) {
    const base = (s.configJson.get(projectId) as string | undefined) ?? "{}";
    s.insertLayers.run(projectId, base);
    row = { base_json: base, project_json: "{}", branch_json: "{}", environment_json: "{}", source_json: '{"type":"unlinked"}' };
  }
  return {
    base: JSON.parse(row.base_json) as Obj,
    project: JSON.parse(row.project_json) as Obj,
    branch: JSON.parse(row.branch_json) as Obj,
    environment: JSON.parse(row.environment_json) as Obj,
    source: JSON.parse(row.source_json) as Obj,
  };
}

export function getOverride(db: DB, projectId: string, level: Level): Obj {
  return db.transaction(() => loadLayers(db, projectId)[level])();
}

/** Replaces one level's override and re-renders config_json, in one transaction. */
export function setOverride(db: DB, projectId: string, level: Level, override: Obj) {
  db.transaction(() => {
    const layers = loadLayers(db, projectId);
    layers[level] = override;
    S(db).setLevel[level].run(JSON.stringify(override), projectId);
    const rendered = applyOverride(applyOverride(applyOverride(layers.base, layers.project), layers.branch), layers.environment);
    S(db).setConfigJson.run(JSON.stringify(rendered), projectId);
  })();
}

/** Merges `delta` (dotted or nested keys) into one level's override. */
export function patchOverride(db: DB, projectId: string, level: Level, delta: Obj) {
  db.transaction(() => {
    const current = loadLayers(db, projectId)[level];
    setOverride(db, projectId, level, mergeOverrides(current, expandDotted(delta)));
  })();
}

/** Records where the branch config came from (`{type: "unlinked"}` and the pushed-from variants). */
export function setSource(db: DB, projectId: string, source: Obj) {
  S(db).setSource.run(JSON.stringify(source), projectId);
}
