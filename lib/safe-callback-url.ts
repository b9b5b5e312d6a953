/**
 * Where to go after sign-in: only this dashboard. Relative paths pass; an absolute URL passes when
 * its origin is `ownUrl`'s (next-auth sends callbackUrl back absolute after an SSO error).
 * Everything else gives "/": an open redirect would hand a fresh session's first navigation to
 * another site. Pure (no server-only): the sign-in form re-checks before `location.assign`.
 *
 * Normalise first, then check. The WHATWG URL parser (https://url.spec.whatwg.org/#concept-basic-url-parser)
 * is what the browser runs on a Location header or `location.assign`: it strips tabs and newlines,
 * reads `\` as `/`, decodes `%2e` and resolves dot segments. So `/.//evil.example/` resolves to the
 * path `//evil.example/` on our own origin and passes an origin check, yet the returned path would
 * read as protocol-relative. The result is therefore checked again as a path.
 */
export function safeCallbackUrl(value: string | undefined | null, ownUrl: string | null): string {
  if (!value || value.length > 2048) return "/";
  // Control characters are never part of a link we sent; the parser would drop some of them silently.
  if (/[\u0000-\u001f\u007f]/.test(value)) return "/";
  const base = new URL(ownUrl ?? "http://stack-admin.invalid");
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin) return "/";
  if (!value.startsWith("/") && !ownUrl) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  return isPlainPath(url.pathname) ? path : "/";
}

/** A path that no URL parser reads as protocol-relative: one `/`, then neither `/` nor `\`, even once decoded. */
function isPlainPath(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  return [pathname, decoded].every((p) => p.startsWith("/") && !/^.[/\\]/.test(p));
}
