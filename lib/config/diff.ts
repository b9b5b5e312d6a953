// Field-by-field diff of two configuration documents (the settings DTO shape, or any JSON).
// Isomorphic: the settings forms, import, compare and history all show the same diff.
// Arrays of objects with a natural key (OAuth providers by id, trusted domains by URL) are
// matched by that key, so a reorder is no change; arrays of strings compare as sets.

export type ConfigChange = {
  /** e.g. `signIn.password`, `oauthProviders[github].clientId`, `domains.trusted[https://a.example]`. */
  path: string;
  kind: "added" | "removed" | "changed";
  before: unknown;
  after: unknown;
};

const KEYS: Record<string, string> = { oauthProviders: "id", "domains.trusted": "domain" };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Keys sorted and string arrays sorted, so equal documents serialise equally. */
export function canonical(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(canonical);
    return items.every((i) => typeof i === "string") ? [...(items as string[])].sort() : items;
  }
  if (isObject(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
  return v;
}

function walk(before: unknown, after: unknown, path: string, out: ConfigChange[]): void {
  if (same(before, after)) return;
  const key = KEYS[path.replace(/\[[^\]]*\]/g, "")];
  if (key && Array.isArray(before) && Array.isArray(after)) {
    const index = (list: unknown[]) => new Map(list.filter(isObject).map((o) => [String(o[key]), o]));
    const b = index(before);
    const a = index(after);
    for (const [id, item] of b) if (!a.has(id)) out.push({ path: `${path}[${id}]`, kind: "removed", before: item, after: undefined });
    for (const [id, item] of a) {
      const old = b.get(id);
      if (!old) out.push({ path: `${path}[${id}]`, kind: "added", before: undefined, after: item });
      else walk(old, item, `${path}[${id}]`, out);
    }
    return;
  }
  if (isObject(before) && isObject(after)) {
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) walk(before[k], after[k], path ? `${path}.${k}` : k, out);
    return;
  }
  const kind = before === undefined ? "added" : after === undefined ? "removed" : "changed";
  out.push({ path, kind, before, after });
}

export function diffConfig(before: unknown, after: unknown): ConfigChange[] {
  const out: ConfigChange[] = [];
  walk(before, after, "", out);
  return out;
}
