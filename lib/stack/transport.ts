import "server-only";

import http from "node:http";
import https from "node:https";
import zlib from "node:zlib";

// The Stack client's HTTP: node:http(s) on keep-alive agents instead of the global fetch. Every
// Stack call is a small JSON exchange, and fetch's WHATWG layers (Request and Response objects,
// web streams, abort signals) cost about a millisecond of CPU per call on top of the request itself
// (bench:proxy measures the console's share). What fetch did that matters is done here: a
// deadline over the whole exchange, the caller's abort signal, no redirects followed, gzip and
// brotli answers decoded.

export type TransportRequest = { method: string; headers: Record<string, string>; body?: string; timeoutMs: number; signal?: AbortSignal };
export type TransportResponse = { status: number; header(name: string): string | null; text: string };
export type Transport = (url: string, req: TransportRequest) => Promise<TransportResponse>;

/** Thrown when the deadline passes before the whole answer has arrived. */
export class TransportTimeoutError extends Error {
  override name = "TimeoutError";
}

// Idle sockets are closed after 4 s unless the server's Keep-Alive hint is shorter (Node's agent
// reads it): under Node's own 5 s server default, so a request is not sent on a socket the
// server is closing (https://nodejs.org/api/http.html#new-agentoptions).
const AGENT_OPTIONS = { keepAlive: true, timeout: 4_000, scheduling: "lifo" } as const;
const agents = { "http:": new http.Agent(AGENT_OPTIONS), "https:": new https.Agent(AGENT_OPTIONS) };

export const httpTransport: Transport = (url, req) =>
  new Promise<TransportResponse>((resolve, reject) => {
    const target = new URL(url);
    const agent = target.protocol === "https:" ? agents["https:"] : target.protocol === "http:" ? agents["http:"] : null;
    if (!agent) return reject(new TypeError(`unsupported protocol ${target.protocol}`));
    if (req.signal?.aborted) return reject(req.signal.reason);
    const headers: Record<string, string> = { ...req.headers, "accept-encoding": "gzip, br" };
    if (req.body !== undefined) headers["content-length"] = String(Buffer.byteLength(req.body));
    const request = (target.protocol === "https:" ? https : http).request(target, { method: req.method, headers, agent });

    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener("abort", onAbort);
      request.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(new TransportTimeoutError(`no complete answer within ${req.timeoutMs} ms`)), req.timeoutMs);
    const onAbort = () => fail(req.signal!.reason);
    req.signal?.addEventListener("abort", onAbort, { once: true });

    request.on("error", fail);
    request.on("response", (res) => {
      const encoding = String(res.headers["content-encoding"] ?? "").trim().toLowerCase();
      const body =
        encoding === "gzip" ? res.pipe(zlib.createGunzip()) : encoding === "br" ? res.pipe(zlib.createBrotliDecompress()) : encoding === "deflate" ? res.pipe(zlib.createInflate()) : res;
      const chunks: Buffer[] = [];
      body.on("data", (chunk: Buffer) => chunks.push(chunk));
      body.on("error", fail);
      // A connection reset mid-body ends the response without "end".
      res.on("aborted", () => fail(Object.assign(new Error("the connection closed before the answer was complete"), { code: "ECONNRESET" })));
      res.on("error", fail);
      body.on("end", () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.signal?.removeEventListener("abort", onAbort);
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({
          status: res.statusCode ?? 0,
          header: (name) => {
            const v = res.headers[name.toLowerCase()];
            return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
          },
          text,
        });
      });
    });
    request.end(req.body);
  });
