// Server actions are public POST endpoints: record a real action POST made by the UI, then send it
// again outside the UI (other cookies, other headers, another body) to see what the server does.
import type { APIRequestContext, Page, Request } from "@playwright/test";
import { expect } from "./fixtures";

export type RecordedAction = { url: string; headers: Record<string, string>; body: string };
export type Replay = { status: number; location: string | undefined; text: string };

// Hop-by-hop and per-connection headers are the client's to set; cookies come from the context.
const DROP_HEADERS = new Set(["cookie", "host", "content-length", "connection", "accept-encoding", "keep-alive", "transfer-encoding"]);

/** Runs `trigger` and returns the first server-action POST (a `next-action` header) it caused, once answered. */
export async function recordActionPost(page: Page, trigger: () => Promise<void>, matches: (body: string) => boolean): Promise<RecordedAction> {
  const seen: Request[] = [];
  const onRequest = (r: Request) => {
    if (r.method() === "POST" && r.headers()["next-action"] && matches(r.postData() ?? "")) seen.push(r);
  };
  page.on("request", onRequest);
  try {
    await trigger();
    await expect.poll(() => seen.length, { message: "the UI sent no matching server-action POST" }).toBeGreaterThan(0);
  } finally {
    page.off("request", onRequest);
  }
  const req = seen[0]!;
  await req.response();
  const headers = await req.allHeaders();
  expect(headers["next-action"], "recorded POST carries the action id").toMatch(/^[0-9a-f]{20,}$/);
  return { url: req.url(), headers, body: req.postData() ?? "" };
}

/**
 * Sends the recorded POST again from `ctx` (its own cookies, or none), never following redirects.
 * `extraHeaders` override the recorded ones; `omitHeaders` drops some (e.g. "origin").
 */
export async function replay(
  ctx: APIRequestContext,
  rec: RecordedAction,
  body: string,
  extraHeaders: Record<string, string> = {},
  omitHeaders: string[] = [],
): Promise<Replay> {
  const drop = new Set([...DROP_HEADERS, ...omitHeaders]);
  const headers = Object.fromEntries(Object.entries(rec.headers).filter(([k]) => !k.startsWith(":") && !drop.has(k.toLowerCase())));
  const res = await ctx.post(rec.url, { headers: { ...headers, ...extraHeaders }, data: body, maxRedirects: 0, failOnStatusCode: false });
  return { status: res.status(), location: res.headers().location, text: await res.text() };
}

export const refusedWith = (r: Replay, code: string) => r.text.includes(`"ok":false`) && r.text.includes(`"code":"${code}"`);
