// A signed-in operator over plain HTTP for the benches: next-auth's credentials flow, cookies kept.

/** A cookie jar of one operator: name → value from Set-Cookie headers. */
export class Jar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  has(name: string) {
    return this.cookies.has(name);
  }
}

/** next-auth credentials sign-in: GET /api/auth/csrf, then POST the form with the csrf token and cookie. */
export async function signIn(base: string, email: string, password: string): Promise<Jar> {
  const jar = new Jar();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  jar.take(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header(), origin: base },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/users` }),
  });
  jar.take(res);
  if (!jar.has("next-auth.session-token")) throw new Error(`sign-in of ${email} failed: HTTP ${res.status} → ${res.headers.get("location")}`);
  return jar;
}
