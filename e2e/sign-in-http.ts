// Password sign-in over plain HTTP, the way next-auth's own client does it (CSRF token, then the
// credentials callback), from a chosen loopback address: all of 127.0.0.0/8 is this machine, so
// each test can be "another client" to the dashboard's per-address limits.
import http from "node:http";
import { DASHBOARD_PORT, DASHBOARD_URL } from "./env";

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

function request(from: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: DASHBOARD_PORT,
        localAddress: from,
        path,
        method: opts.method ?? "GET",
        agent: false,
        headers: { host: new URL(DASHBOARD_URL).host, origin: DASHBOARD_URL, ...opts.headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

const cookiePairs = (res: Reply) => (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!);

export type SignInReply = {
  /** next-auth's error text (null when signed in). */
  error: string | null;
  /** Where next-auth sends the browser next (its redirect callback's result when signed in). */
  url: string;
  /** Time of the credentials POST alone, in ms. */
  ms: number;
  sessionCookie: string | null;
};

/** One sign-in attempt from loopback address `from`, with extra request headers (e.g. X-Forwarded-For). */
export async function signInOverHttp(opts: { email: string; password: string; from: string; headers?: Record<string, string>; callbackUrl?: string }): Promise<SignInReply> {
  const csrf = await request(opts.from, "/api/auth/csrf", { headers: opts.headers });
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const body = new URLSearchParams({ email: opts.email, password: opts.password, csrfToken, callbackUrl: opts.callbackUrl ?? "/", json: "true" }).toString();
  const started = performance.now();
  const res = await request(opts.from, "/api/auth/callback/credentials", {
    method: "POST",
    headers: { ...opts.headers, "content-type": "application/x-www-form-urlencoded", cookie: cookiePairs(csrf).join("; ") },
    body,
  });
  const ms = performance.now() - started;
  if (res.status >= 500) throw new Error(`sign-in answered ${res.status}: ${res.body.slice(0, 300)}`);
  const { url } = JSON.parse(res.body) as { url: string };
  const session = cookiePairs(res).find((c) => c.startsWith("next-auth.session-token=")) ?? null;
  return { error: new URL(url, DASHBOARD_URL).searchParams.get("error"), url, ms, sessionCookie: session };
}
