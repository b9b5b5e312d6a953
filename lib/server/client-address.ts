import "server-only";

import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import https from "node:https";
import net from "node:net";

// Since Next.js 15 a request carries no client address (NextRequest.ip is gone:
// https://nextjs.org/docs/app/guides/upgrading/version-15), and `next start` fills in
// X-Forwarded-For from the socket only when the client sent none, so that header is the client's
// to write. The address of the TCP peer is therefore taken where Node hands the request to Next:
// the server's "request" event runs inside an AsyncLocalStorage that holds it, and everything
// Next does for that request (route handlers, next-auth's authorize()) runs in that context.

// One store per process, shared by the instrumentation bundle and the route bundles.
const STORE = Symbol.for("stack-admin.socket-address");
const PATCHED = Symbol.for("stack-admin.socket-address.patched");
const holder = globalThis as { [STORE]?: AsyncLocalStorage<string> };
const storage = (holder[STORE] ??= new AsyncLocalStorage<string>());

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/** Called once from instrumentation's register(), before Next serves requests. */
export function installSocketAddressHook(): void {
  for (const Server of [http.Server, https.Server]) {
    const proto = Server.prototype as unknown as { emit: Emit; [PATCHED]?: true };
    if (proto[PATCHED]) continue;
    const emit = proto.emit;
    proto.emit = function (event, ...args) {
      if (event !== "request") return emit.call(this, event, ...args);
      const req = args[0] as http.IncomingMessage;
      return storage.run(req.socket?.remoteAddress ?? "", () => emit.call(this, event, ...args));
    };
    proto[PATCHED] = true;
  }
}

/** An IP address in canonical form (IPv4-mapped IPv6 as plain IPv4), or null if it is not one. */
function normalise(value: string | undefined): string | null {
  const v = value?.trim().toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  return v && net.isIP(v) ? v : null;
}

/**
 * The address a sign-in comes from. With no trusted proxy it is the TCP peer. Behind
 * `trustedHops` proxies that each append the address they saw (RFC 7239 describes the chain), it is
 * the entry that many places from the right of X-Forwarded-For: everything left of it was written
 * by the client. Unknown or malformed addresses share the single bucket "unknown", which only
 * ever limits more, never less.
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedHops: number, socketAddress = storage.getStore()): string {
  const peer = normalise(socketAddress) ?? "unknown";
  if (trustedHops <= 0) return peer;
  const forwarded = (forwardedFor ?? "").split(",").filter((entry) => entry.trim() !== "");
  const chain = [...forwarded.slice(-trustedHops - 1), peer];
  return normalise(chain[Math.max(0, chain.length - 1 - trustedHops)]) ?? "unknown";
}
