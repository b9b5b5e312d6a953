import type { Context, MiddlewareHandler } from "hono";
import { Errors } from "../errors";
import { schemaErrorText } from "../validation";
import type { BodyRule, QueryRule, ReleaseProfile, ResponseRule, RoutePattern } from "./profiles";

/** A route pattern as data: `{method: "GET" | "*", path: RegExp}` over the path below /api/v1. */
export type RouteMatcher = { method: string; path: RegExp };

/** "METHOD /path" with `:param` segments and `*` globs (the STACK_EMULATOR_MISSING_ROUTES syntax). */
export function compileRoute(pattern: RoutePattern): RouteMatcher {
  const m = /^(\*|GET|POST|PATCH|PUT|DELETE)\s+(\/\S*)$/i.exec(pattern.trim());
  if (!m) throw new Error(`"${pattern}" is not "METHOD /path" (METHOD may be *, path may end in *)`);
  const re = m[2]!
    .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/:[a-z_]+/g, "[^/]+");
  return { method: m[1]!.toUpperCase(), path: new RegExp(`^${re}/?$`) };
}

const matches = (r: RouteMatcher, method: string, sub: string) => (r.method === "*" || r.method === method) && r.path.test(sub);

function keyed<T>(table: Readonly<Record<string, T>>): { route: RouteMatcher; rule: T }[] {
  return Object.entries(table).map(([k, rule]) => ({ route: compileRoute(k), rule }));
}

function queryLines(rule: QueryRule, query: URLSearchParams): string[] {
  const lines: string[] = [];
  const keys = [...new Set(query.keys())];
  for (const name of rule.required ?? []) if (!query.has(name)) lines.push(`query.${name} must be defined`);
  for (const [name, values] of Object.entries(rule.oneOf ?? {})) {
    const v = query.get(name);
    if (v !== null && !values.includes(v)) lines.push(`query.${name} must be one of the following values: ${values.join(", ")}`);
  }
  const unknown = keys.filter((k) => !rule.accepts.includes(k));
  if (unknown.length > 0) lines.push(`query contains unknown properties: ${unknown.join(", ")}`);
  return lines;
}

function bodyLines(rule: BodyRule, body: unknown): string[] {
  if (!body || typeof body !== "object" || Array.isArray(body)) return [];
  const unknown = Object.keys(body).filter((k) => rule.unknown.includes(k));
  return unknown.length > 0 ? [`body contains unknown properties: ${unknown.join(", ")}`] : [];
}

function pickUser(user: unknown, fields: readonly string[]): unknown {
  if (!user || typeof user !== "object") return user;
  return Object.fromEntries(Object.entries(user).filter(([k]) => fields.includes(k)));
}

function reshape(rule: ResponseRule, json: Record<string, unknown>): Record<string, unknown> {
  let out = json;
  if (rule.userFields) {
    const fields = rule.userFields;
    out = Array.isArray(out.items) ? { ...out, items: out.items.map((u) => pickUser(u, fields)) } : (pickUser(out, fields) as Record<string, unknown>);
  }
  if (rule.unpaginated && Array.isArray(out.items)) {
    const { pagination: _dropped, ...rest } = out;
    out = { ...rest, is_paginated: false };
  }
  return out;
}

const HEXCLAVE = /^x-hexclave-/i;
const MAX_REMEMBERED_CURSORS = 10_000;
const MAX_CHECKED_BODY_BYTES = 8 * 1024 * 1024;

/**
 * The older cursor convention over the emulator's newer one: ask the route for limit + 1 rows and
 * hand out the extra row's id; remember which exclusive cursor each handed-out id stands for, so the
 * next request can start at it. A cursor this emulator did not hand out is passed on unchanged.
 */
function oldCursorConvention() {
  const exclusiveFor = new Map<string, string>();
  return {
    /** Rewrites the request's limit/cursor; returns the client's limit, or undefined when there is none to page by. */
    rewrite(c: Context, url: URL): number | undefined {
      const limit = Number(url.searchParams.get("limit"));
      if (!Number.isInteger(limit) || limit < 1 || limit >= 1000) return undefined;
      const inner = new URL(c.req.raw.url);
      inner.searchParams.set("limit", String(limit + 1));
      const cursor = url.searchParams.get("cursor");
      // The previous page's last row, exclusive, starts the page at the cursor's row.
      const exclusive = cursor ? exclusiveFor.get(cursor) : undefined;
      if (exclusive !== undefined) inner.searchParams.set("cursor", exclusive);
      c.req.raw = new Request(inner, c.req.raw);
      return limit;
    },
    page(json: Record<string, unknown>, limit: number): Record<string, unknown> {
      const items = Array.isArray(json.items) ? (json.items as { id: string }[]) : [];
      if (items.length <= limit) return { ...json, items, pagination: { next_cursor: null } };
      const next = items[limit]!.id;
      exclusiveFor.delete(next);
      exclusiveFor.set(next, items[limit - 1]!.id);
      if (exclusiveFor.size > MAX_REMEMBERED_CURSORS) exclusiveFor.delete(exclusiveFor.keys().next().value!);
      return { ...json, items: items.slice(0, limit), pagination: { next_cursor: next } };
    },
  };
}

/**
 * The release profile as two Hono middlewares. `headers` goes first in the chain (it sees the
 * request before authentication and the response after every header is set); `requests` goes on
 * /api/* before the routes. `extraMissing` is STACK_EMULATOR_MISSING_ROUTES, on top of the profile.
 */
export function releasePipeline(profile: ReleaseProfile, extraMissing: readonly RouteMatcher[] = []) {
  const missing = [...profile.missing.map(compileRoute), ...extraMissing];
  const notAllowed = profile.methodNotAllowed.map(compileRoute);
  const queryRules = keyed(profile.query);
  const bodyRules = keyed(profile.body);
  const responseRules = keyed(profile.response);
  const oldCursors = oldCursorConvention();
  const find = <T,>(rules: { route: RouteMatcher; rule: T }[], method: string, sub: string) => rules.find((r) => matches(r.route, method, sub))?.rule;

  const headers: MiddlewareHandler = async (c, next) => {
    if (profile.hexclaveHeaders) return next();
    // Older releases only read x-stack-*: a request that spells its headers the new way is unauthenticated there.
    for (const name of [...c.req.raw.headers.keys()]) if (HEXCLAVE.test(name)) c.req.raw.headers.delete(name);
    await next();
    for (const name of [...c.res.headers.keys()]) if (HEXCLAVE.test(name)) c.res.headers.delete(name);
    for (const list of ["access-control-allow-headers", "access-control-expose-headers"]) {
      const v = c.res.headers.get(list);
      if (v) c.res.headers.set(list, v.split(/,\s*/).filter((h) => !HEXCLAVE.test(h)).join(", "));
    }
  };

  const requests: MiddlewareHandler = async (c: Context, next) => {
    const url = new URL(c.req.url);
    const sub = url.pathname.replace(/^\/api\/(v1|latest)/, "") || "/";
    const method = c.req.method;
    if (missing.some((r) => matches(r, method, sub))) {
      const text = profile.notFoundText ? profile.notFoundText(c.req.url) : `404 — this page does not exist in Stack Auth's API.\n\nPath: ${url.pathname}`;
      return c.text(text, 404);
    }
    if (notAllowed.some((r) => matches(r, method, sub))) return c.body(null, 405);

    const lines: string[] = [];
    const q = find(queryRules, method, sub);
    if (q) lines.push(...queryLines(q, url.searchParams));
    const b = find(bodyRules, method, sub);
    // Only plain JSON bodies the route would read anyway (its 8 MiB cap is checked on content-length first).
    const readable = Number(c.req.header("content-length") ?? "0") <= MAX_CHECKED_BODY_BYTES && !c.req.header("content-encoding");
    if (b && readable && /^application\/json\b/i.test(c.req.header("content-type") ?? "")) {
      // Cached by Hono: the route reads the same bytes again. Malformed JSON is the route's to refuse.
      const text = new TextDecoder().decode(await c.req.arrayBuffer());
      let body: unknown;
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        body = undefined;
      }
      lines.push(...bodyLines(b, body));
    }
    if (lines.length > 0) throw Errors.schema(schemaErrorText(method, url.pathname, lines));

    if (q?.implied) {
      const inner = new URL(c.req.raw.url);
      for (const [k, v] of Object.entries(q.implied)) inner.searchParams.set(k, v);
      c.req.raw = new Request(inner, c.req.raw);
    }
    const r = find(responseRules, method, sub);
    const limit = r?.cursorIsFirstOfNextPage ? oldCursors.rewrite(c, url) : undefined;
    await next();

    if (!r || c.res.status >= 300 || !(c.res.headers.get("content-type") ?? "").startsWith("application/json")) return;
    let json = (await c.res.json()) as Record<string, unknown>;
    if (limit !== undefined) json = oldCursors.page(json, limit);
    const headers = new Headers(c.res.headers);
    headers.delete("content-length");
    c.res = new Response(JSON.stringify(reshape(r, json)), { status: c.res.status, headers });
  };

  return { headers, requests };
}
