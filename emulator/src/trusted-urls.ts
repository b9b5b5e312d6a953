import type { DB } from "./db";
import { readProjectConfig } from "./project-bootstrap";

// Trusted callback URLs (`domains.trustedDomains` / `domains.allowLocalhost` of the project
// config), checked like the real server's validateRedirectUrl: localhost while allowed; else a
// trusted domain with the same protocol, host and port whose handler path prefixes the URL's
// path; `*` wildcards in the host (`**` across dots) match only the default port unless the
// pattern names one. Every callback_url (verification, invitations, password reset, sign-in
// invitations) goes through this one check.

const urlOrNull = (u: string) => {
  try {
    return new URL(u);
  } catch {
    return null;
  }
};
const isLocalhostUrl = (url: URL) =>
  url.hostname === "localhost" ||
  url.hostname.endsWith(".localhost") ||
  /^127\.\d+\.\d+\.\d+$/.test(url.hostname) ||
  url.hostname === "[::1]" ||
  url.hostname === "::1";
const hostWithPort = (url: URL) => {
  const port = url.port || ({ "https:": "443", "http:": "80" } as Record<string, string>)[url.protocol] || "";
  return port ? `${url.hostname}:${port}` : url.hostname;
};
const isDefaultPort = (url: URL) =>
  !url.port || (url.protocol === "https:" && url.port === "443") || (url.protocol === "http:" && url.port === "80");
function matchHostnamePattern(pattern: string, hostname: string) {
  if (!pattern.includes("*")) return pattern === hostname;
  const re = pattern
    .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\*\*/g, "\0")
    .replace(/\*/g, "[^.]*")
    .replace(/\0/g, ".*");
  return new RegExp(`^${re}$`).test(hostname);
}
function matchesDomain(url: URL, pattern: string, handlerPath: string) {
  const base = urlOrNull(pattern);
  if (!base || pattern.includes("*")) {
    const m = /^([^:]+:\/\/)([^/]*)(.*)$/.exec(pattern);
    if (!m) return false;
    const [, protocol, hostPattern, basePath] = m as unknown as [string, string, string, string];
    if (url.protocol + "//" !== protocol) return false;
    if (hostPattern.includes(":")) {
      if (!matchHostnamePattern(hostPattern, hostWithPort(url))) return false;
    } else if (!matchHostnamePattern(hostPattern, url.hostname) || !isDefaultPort(url)) {
      return false;
    }
    const fullPath = basePath === "/" ? handlerPath : basePath + handlerPath;
    return url.pathname.startsWith(fullPath || "/");
  }
  return base.protocol === url.protocol && base.hostname === url.hostname && hostWithPort(base) === hostWithPort(url) && url.pathname.startsWith(handlerPath || "/");
}

/** Whether `callbackUrl` is on a trusted domain of the project (or localhost while allowed). */
export function isTrustedCallbackUrl(db: DB, projectId: string, callbackUrl: string): boolean {
  const url = urlOrNull(callbackUrl);
  if (!url) return false;
  const domains = readProjectConfig(db, projectId).domains ?? {};
  if ((domains.allowLocalhost ?? true) && isLocalhostUrl(url)) return true;
  return Object.values(domains.trustedDomains ?? {}).some((d) => !!d?.baseUrl && matchesDomain(url, d.baseUrl, d.handlerPath || "/"));
}

