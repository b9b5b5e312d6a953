/**
 * Where to go after sign-in: only this dashboard. Relative paths pass; an absolute URL passes when
 * its origin is NEXTAUTH_URL's (next-auth sends callbackUrl back absolute after an SSO error).
 * Everything else, including `//host` and `/\host` (which browsers read as `//host`), gives "/":
 * an open redirect would hand a fresh session's first navigation to another site.
 */
export function safeCallbackUrl(value: string | undefined, ownUrl: string | null): string {
  if (!value) return "/";
  const base = new URL(ownUrl ?? "http://stack-admin.invalid");
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin) return "/";
  if (!value.startsWith("/") && !ownUrl) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
