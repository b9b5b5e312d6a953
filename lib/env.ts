import "server-only";

import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { PROJECT_ENVIRONMENTS, type ProjectEnvironment } from "@/lib/projects-dto";
import { parseAllowedHosts, type EnvSource } from "@/lib/env-public";

export type { EnvSource } from "@/lib/env-public";

/**
 * Server environment, parsed once and lazily (so `next build` does not need every variable).
 * Every problem is collected and reported in ONE error that names each variable.
 * Secret values are never echoed in error messages.
 */

export type OidcDefaultRole = "none" | "viewer" | "admin";

/** One Stack project as configured. The admin key itself is read only by lib/stack/projects.ts. */
export interface StackProjectEnv {
  slug: string;
  name: string;
  projectId: string;
  /** Origin of the Stack API, without trailing slash and without `/api/v1`. */
  apiUrl: string;
  /** Name of the environment variable that holds this project's super secret admin key. */
  adminKeyEnv: string;
  /** Operator-facing label (STACK_ENVIRONMENT, or `environment` in STACK_PROJECTS_FILE). */
  environment: ProjectEnvironment | null;
}

export interface ServerEnv {
  stack: {
    source: "env" | "file";
    /** Absolute path of STACK_PROJECTS_FILE when source is "file". */
    projectsFile: string | null;
    projects: StackProjectEnv[];
    requestTimeoutMs: number;
  };
  nextAuth: { secret: string; url: string | null };
  /** Absolute path of the operators JSON file (read by the auth code, not here). */
  operatorsFile: string;
  oidc: { issuer: string; clientId: string; clientSecret: string } | null;
  oidcDefaultRole: OidcDefaultRole;
  /** Reverse proxies in front of the dashboard whose X-Forwarded-For entries are trusted (0: use the socket address). */
  trustedProxyHops: number;
  /** Absolute session lifetime from sign-in, however active the session is. */
  sessionMaxAgeMs: number;
  /** Absolute path of the dashboard's own SQLite file (audit log, sign-in rate limits). */
  adminDbPath: string;
  /** PostgreSQL for the console's own data instead of SQLite (several replicas share it). */
  databaseUrl: string | null;
  /** On production-labelled projects, which writes need the typed project name: every write, or dangerous ones only. */
  productionConfirm: "all" | "dangerous";
}

export class EnvError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(
      `Invalid server environment (${issues.length} problem${issues.length === 1 ? "" : "s"}; see .env.example):\n` +
        issues.map((i) => `  - ${i}`).join("\n"),
    );
    this.name = "EnvError";
    this.issues = issues;
  }
}

const SINGLE_PROJECT_KEY_ENV = "STACK_SUPER_SECRET_ADMIN_KEY";
/** A key variable holds one key or, while rotating, several: newest first, comma-separated. */
export const MAX_ADMIN_KEYS = 4;

/** The keys in an admin-key variable's value, newest first (blank entries dropped). */
export function splitAdminKeys(value: string | undefined): string[] {
  return (value ?? "").split(",").map((k) => k.trim()).filter(Boolean);
}

/** Problems with an admin-key variable's value; never quotes the value. */
function adminKeyIssues(name: string, value: string | undefined): string[] {
  const keys = splitAdminKeys(value);
  if (keys.length > MAX_ADMIN_KEYS) return [`${name}: at most ${MAX_ADMIN_KEYS} comma-separated keys (newest first); found ${keys.length}`];
  if (keys.some((k) => /\s/.test(k))) return [`${name}: a key contains whitespace; separate several keys with commas only`];
  if (new Set(keys).size !== keys.length) return [`${name}: the same key is listed twice`];
  return [];
}
const SLUG_RE = /^[a-z0-9-]+$/;
const ENV_NAME_RE = /^[A-Z_][A-Z0-9_]*$/;

// Empty strings (`FOO=` in a .env file) count as unset.
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

function normaliseApiUrl(raw: string): string {
  return raw.trim().replace(/\/+$/, "");
}

const httpUrl = (expected: string) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === "http:" || u.protocol === "https:") && !u.search && !u.hash;
      } catch {
        return false;
      }
    }, `expected ${expected}`);

const projectEnvironment = z.enum(PROJECT_ENVIRONMENTS, { error: `expected one of: ${PROJECT_ENVIRONMENTS.join(", ")}` });

const stackApiUrl = httpUrl("an http(s) URL such as https://api.stack-auth.com").refine(
  (v) => !/\/api\/(v1|latest)\/?$/.test(v),
  "expected the server origin without /api/v1 (the client adds it), e.g. https://api.stack-auth.com",
);

/** A duration in whole milliseconds, at most 10 minutes. */
const milliseconds = (min: number, minMessage: string) =>
  z.coerce
    .number({ error: "expected an integer number of milliseconds" })
    .int("expected an integer number of milliseconds")
    .min(min, minMessage)
    .max(600_000, "expected at most 600000 (10 minutes)");

const rawEnvSchema = z.object({
  STACK_API_URL: opt(stackApiUrl),
  STACK_PROJECT_ID: opt(
    z.string().trim().regex(/^[A-Za-z0-9_-]+$/, "expected the project id (a UUID, or `internal`)"),
  ),
  STACK_SUPER_SECRET_ADMIN_KEY: opt(z.string().trim()),
  STACK_PROJECT_NAME: opt(z.string().trim()),
  STACK_ENVIRONMENT: opt(z.string().trim().pipe(projectEnvironment)),
  STACK_PROJECTS_FILE: opt(z.string().trim()),
  STACK_REQUEST_TIMEOUT_MS: opt(milliseconds(100, "expected at least 100 (milliseconds)")),
  NEXTAUTH_SECRET: z.preprocess(
    blankToUndefined,
    z
      .string({ error: "required: a random string of at least 32 characters (e.g. `openssl rand -base64 32`)" })
      .min(32, "expected at least 32 characters (e.g. `openssl rand -base64 32`)"),
  ),
  NEXTAUTH_URL: opt(httpUrl("an http(s) URL, the public URL of this dashboard")),
  OPERATORS_FILE: opt(z.string().trim()),
  OIDC_ISSUER: opt(httpUrl("an http(s) URL of the OpenID Connect issuer")),
  OIDC_CLIENT_ID: opt(z.string().trim()),
  OIDC_CLIENT_SECRET: opt(z.string().trim()),
  OIDC_DEFAULT_ROLE: opt(
    z.enum(["none", "viewer", "admin"], { error: "expected one of: none, viewer, admin" }),
  ),
  STACK_ADMIN_DB: opt(z.string().trim()),
  DATABASE_URL: opt(
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, "expected a postgres:// or postgresql:// connection URL"),
  ),
  PRODUCTION_CONFIRM: opt(z.enum(["all", "dangerous"], { error: "expected all (every write) or dangerous (only dangerous operations)" })),
  LOG_LEVEL: opt(z.enum(["debug", "info", "warn", "error", "silent"], { error: "expected one of: debug, info, warn, error, silent" })),
  SHUTDOWN_TIMEOUT_MS: opt(milliseconds(0, "expected 0 or more")),
  TRUSTED_PROXY_HOPS: opt(
    z.coerce
      .number({ error: "expected a whole number of proxies (0 when clients connect directly)" })
      .int("expected a whole number of proxies (0 when clients connect directly)")
      .min(0, "expected 0 or more")
      .max(10, "expected at most 10"),
  ),
  SESSION_MAX_AGE_HOURS: opt(
    z.coerce
      .number({ error: "expected a number of hours, e.g. 12" })
      .min(0.05, "expected at least 0.05 (3 minutes)")
      .max(720, "expected at most 720 (30 days)"),
  ),
  SERVER_ACTIONS_ALLOWED_ORIGINS: opt(
    z.string().superRefine((v, ctx) => {
      const { invalid } = parseAllowedHosts(v);
      if (invalid.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `expected comma-separated hosts such as admin.example.com or *.example.com; not a host: ${invalid.map((e) => JSON.stringify(e)).join(", ")}`,
        });
      }
    }),
  ),
});

const projectsFileSchema = z.object(
  {
    projects: z
      .array(
        z.strictObject(
          {
            slug: z
              .string({ error: "slug is required" })
              .regex(SLUG_RE, "slug must match ^[a-z0-9-]+$ (lower-case letters, digits, dashes)"),
            name: z.string({ error: "name is required" }).trim().min(1, "name must not be empty"),
            projectId: z
              .string({ error: "projectId is required" })
              .trim()
              .regex(/^[A-Za-z0-9_-]+$/, "projectId must be the Stack project id (a UUID, or `internal`)"),
            apiUrl: stackApiUrl,
            adminKeyEnv: z
              .string({ error: "adminKeyEnv is required (the NAME of the env var holding the admin key)" })
              .regex(ENV_NAME_RE, "adminKeyEnv must be an environment variable name like STACK_PROD_ADMIN_KEY"),
            environment: projectEnvironment.optional(),
          },
          {
            error: (iss) =>
              iss.code === "unrecognized_keys"
                ? `unknown field(s) ${iss.keys.join(", ")}; allowed: slug, name, projectId, apiUrl, adminKeyEnv, environment (keys themselves belong in env vars, never in this file)`
                : undefined,
          },
        ),
        { error: "`projects` must be an array" },
      )
      .min(1, "`projects` must list at least one project"),
  },
  { error: 'expected a JSON object like {"projects": [...]}' },
);

function formatPath(p: PropertyKey[]): string {
  return p
    .map((seg, i) => (typeof seg === "number" ? `[${seg}]` : i === 0 ? String(seg) : `.${String(seg)}`))
    .join("");
}

function loadProjectsFile(
  file: string,
  env: EnvSource,
  issues: string[],
): { absPath: string; projects: StackProjectEnv[] } | null {
  const absPath = path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
  const label = `STACK_PROJECTS_FILE (${absPath})`;
  let text: string;
  try {
    text = fs.readFileSync(absPath, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    issues.push(`${label}: cannot read the file${code ? ` (${code})` : ""}`);
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    issues.push(`${label}: not valid JSON (${(e as Error).message})`);
    return null;
  }
  const parsed = projectsFileSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.length ? formatPath(issue.path) : "(root)";
      const entry = describeEntry(json, issue.path);
      issues.push(`${label}: ${where}${entry}: ${issue.message}`);
    }
    return null;
  }
  const seen = new Set<string>();
  let ok = true;
  parsed.data.projects.forEach((p, i) => {
    if (seen.has(p.slug)) {
      issues.push(`${label}: projects[${i}] (slug "${p.slug}"): duplicate slug; slugs must be unique`);
      ok = false;
    }
    seen.add(p.slug);
    const key = env[p.adminKeyEnv];
    if (splitAdminKeys(key).length === 0) {
      issues.push(
        `${p.adminKeyEnv}: required by ${label} for project "${p.slug}": the super secret admin key (sak_…) of project ${p.projectId}`,
      );
      ok = false;
    } else {
      const bad = adminKeyIssues(p.adminKeyEnv, key);
      issues.push(...bad);
      if (bad.length) ok = false;
    }
  });
  if (!ok) return null;
  return {
    absPath,
    projects: parsed.data.projects.map((p) => ({ ...p, apiUrl: normaliseApiUrl(p.apiUrl), environment: p.environment ?? null })),
  };
}

function describeEntry(json: unknown, issuePath: PropertyKey[]): string {
  if (issuePath[0] !== "projects" || typeof issuePath[1] !== "number") return "";
  const entry = (json as { projects?: unknown[] })?.projects?.[issuePath[1]];
  const slug = entry && typeof entry === "object" ? (entry as { slug?: unknown }).slug : undefined;
  return typeof slug === "string" ? ` (slug "${slug}")` : "";
}

/** Parse an env object. Exported for tests; app code uses getServerEnv(). */
export function parseServerEnv(env: EnvSource = process.env): ServerEnv {
  const issues: string[] = [];
  const parsed = rawEnvSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      issues.push(`${formatPath(issue.path)}: ${issue.message}`);
    }
  }
  const raw = parsed.success ? parsed.data : null;
  // Cross-field checks only make sense on individually valid values; but still report what we can.
  const val = <K extends keyof z.infer<typeof rawEnvSchema>>(k: K) =>
    raw ? raw[k] : (blankToUndefined(env[k]) as z.infer<typeof rawEnvSchema>[K] | undefined);

  let stack: ServerEnv["stack"] | null = null;
  const projectsFile = val("STACK_PROJECTS_FILE");
  const timeout = raw?.STACK_REQUEST_TIMEOUT_MS ?? 10_000;
  if (projectsFile) {
    const loaded = loadProjectsFile(projectsFile, env, issues);
    if (loaded) stack = { source: "file", projectsFile: loaded.absPath, projects: loaded.projects, requestTimeoutMs: timeout };
  } else {
    const missing: string[] = [];
    if (!val("STACK_API_URL") && !env.STACK_API_URL?.trim())
      missing.push("STACK_API_URL: required (an http(s) URL such as https://api.stack-auth.com) unless STACK_PROJECTS_FILE is set");
    if (!val("STACK_PROJECT_ID") && !env.STACK_PROJECT_ID?.trim())
      missing.push("STACK_PROJECT_ID: required (the Stack project id) unless STACK_PROJECTS_FILE is set");
    if (splitAdminKeys(val("STACK_SUPER_SECRET_ADMIN_KEY")).length === 0)
      missing.push(
        "STACK_SUPER_SECRET_ADMIN_KEY: required (the project's super secret admin key, sak_…) unless STACK_PROJECTS_FILE is set",
      );
    issues.push(...missing);
    if (missing.length === 0) issues.push(...adminKeyIssues(SINGLE_PROJECT_KEY_ENV, val("STACK_SUPER_SECRET_ADMIN_KEY")));
    if (raw && issues.length === 0 && raw.STACK_API_URL && raw.STACK_PROJECT_ID) {
      stack = {
        source: "env",
        projectsFile: null,
        projects: [
          {
            slug: "default",
            name: raw.STACK_PROJECT_NAME ?? "Default project",
            projectId: raw.STACK_PROJECT_ID,
            apiUrl: normaliseApiUrl(raw.STACK_API_URL),
            adminKeyEnv: SINGLE_PROJECT_KEY_ENV,
            environment: raw.STACK_ENVIRONMENT ?? null,
          },
        ],
        requestTimeoutMs: timeout,
      };
    }
  }

  const oidcParts = {
    OIDC_ISSUER: val("OIDC_ISSUER") ?? blankToUndefined(env.OIDC_ISSUER),
    OIDC_CLIENT_ID: val("OIDC_CLIENT_ID"),
    OIDC_CLIENT_SECRET: val("OIDC_CLIENT_SECRET"),
  };
  const oidcSet = Object.entries(oidcParts).filter(([, v]) => v !== undefined);
  if (oidcSet.length > 0 && oidcSet.length < 3) {
    const missing = Object.entries(oidcParts)
      .filter(([, v]) => v === undefined)
      .map(([k]) => k);
    issues.push(
      `${missing.join(", ")}: required because ${oidcSet.map(([k]) => k).join(", ")} ${oidcSet.length === 1 ? "is" : "are"} set (OIDC needs all three of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, or none)`,
    );
  }

  if (issues.length > 0 || !raw || !stack) {
    throw new EnvError(issues.length ? issues : ["unknown configuration problem"]);
  }

  return {
    stack,
    nextAuth: { secret: raw.NEXTAUTH_SECRET, url: raw.NEXTAUTH_URL ? normaliseApiUrl(raw.NEXTAUTH_URL) : null },
    operatorsFile: path.resolve(/*turbopackIgnore: true*/ process.cwd(), raw.OPERATORS_FILE ?? "data/operators.json"),
    oidc:
      raw.OIDC_ISSUER && raw.OIDC_CLIENT_ID && raw.OIDC_CLIENT_SECRET
        ? { issuer: raw.OIDC_ISSUER, clientId: raw.OIDC_CLIENT_ID, clientSecret: raw.OIDC_CLIENT_SECRET }
        : null,
    // Unknown SSO accounts are refused unless the deployment opts in: anyone at the provider is not an operator.
    oidcDefaultRole: raw.OIDC_DEFAULT_ROLE ?? "none",
    trustedProxyHops: raw.TRUSTED_PROXY_HOPS ?? 0,
    sessionMaxAgeMs: Math.round((raw.SESSION_MAX_AGE_HOURS ?? 12) * 60 * 60 * 1000),
    adminDbPath: path.resolve(/*turbopackIgnore: true*/ process.cwd(), raw.STACK_ADMIN_DB ?? "data/stack-admin.db"),
    databaseUrl: raw.DATABASE_URL ?? null,
    productionConfirm: raw.PRODUCTION_CONFIRM ?? "all",
  };
}

let cached: ServerEnv | null = null;

/** The validated server environment. Parsed on first call; throws EnvError listing every problem. */
export function getServerEnv(): ServerEnv {
  if (!cached) cached = parseServerEnv(process.env);
  return cached;
}

/** Forget the cached environment (tests change process.env between cases). */
export function resetEnvForTests(): void {
  cached = null;
}
