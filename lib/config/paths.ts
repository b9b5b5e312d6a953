// Paths of lib/config/diff.ts (`signIn.password`, `oauthProviders[github].clientId`,
// `domains.trusted[https://a.example]`) read and written on a document, so "copy these fields
// from another project" takes exactly the rows the operator ticked in the diff.

type Token = { key: string } | { id: string };

// Keyed arrays: the field each item is matched by (as in lib/config/diff.ts).
const ITEM_KEY: Record<string, string> = { oauthProviders: "id", trusted: "domain" };

export function parsePath(path: string): Token[] | null {
  const tokens: Token[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]|(\.)/gy;
  let m: RegExpExecArray | null;
  let expectKey = true;
  while ((m = re.exec(path))) {
    if (m[1] !== undefined) {
      if (!expectKey) return null;
      tokens.push({ key: m[1] });
      expectKey = false;
    } else if (m[2] !== undefined) {
      if (expectKey || m[2] === "") return null;
      tokens.push({ id: m[2] });
    } else {
      if (expectKey) return null;
      expectKey = true;
    }
    if (re.lastIndex === path.length) break;
  }
  if (re.lastIndex !== path.length || expectKey || tokens.length === 0) return null;
  return tokens;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const UNSAFE = new Set(["__proto__", "constructor", "prototype"]);

/**
 * `target` with the value at each path replaced by `source`'s (added where `source` has it and
 * `target` not, removed where `target` has it and `source` not). Paths that name nothing in
 * either document are reported, not guessed.
 */
export function copyPaths<T>(target: T, source: unknown, paths: string[]): { result: T; unknown: string[] } {
  const result = structuredClone(target) as unknown;
  const unknown: string[] = [];
  for (const path of paths) {
    const tokens = parsePath(path);
    if (!tokens || !setFrom(result, source, tokens)) unknown.push(path);
  }
  return { result: result as T, unknown };
}

function setFrom(target: unknown, source: unknown, tokens: Token[]): boolean {
  let t: unknown = target;
  let s: unknown = source;
  let lastKey = "";
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const last = i === tokens.length - 1;
    if ("key" in tok) {
      if (UNSAFE.has(tok.key) || !isObject(t) || !isObject(s) || !(tok.key in s || tok.key in t)) return false;
      lastKey = tok.key;
      if (last) {
        if (tok.key in s) t[tok.key] = structuredClone(s[tok.key]);
        else delete t[tok.key];
        return true;
      }
      t = t[tok.key];
      s = s[tok.key];
    } else {
      const field = ITEM_KEY[lastKey];
      if (!field || !Array.isArray(t) || !Array.isArray(s)) return false;
      const ti = t.findIndex((o) => isObject(o) && String(o[field]) === tok.id);
      const si = s.findIndex((o) => isObject(o) && String(o[field]) === tok.id);
      if (ti < 0 && si < 0) return false;
      if (last || ti < 0 || si < 0) {
        // The whole item: added, removed or replaced.
        if (si < 0) t.splice(ti, 1);
        else if (ti < 0) t.push(structuredClone(s[si]));
        else if (last) t[ti] = structuredClone(s[si]);
        else return false;
        return true;
      }
      t = t[ti];
      s = s[si];
    }
  }
  return false;
}
