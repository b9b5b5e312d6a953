import { EMULATOR_DEFAULTS } from "../src/config";
import { startEmulator, type RunningEmulator } from "../src/server";

export const DEMO = EMULATOR_DEFAULTS;

export type AccessType = "client" | "server" | "admin";

export type NiceResponse = {
  status: number;
  headers: Headers;
  /** Parsed JSON for JSON responses, the text otherwise. */
  body: any;
  text: string;
};

/**
 * Starts a fresh in-memory emulator on a free port. Pattern for test files:
 *   let emu: TestEmulator; beforeAll(async () => { emu = await startTestEmulator(); }); afterAll(() => emu.stop());
 */
export async function startTestEmulator(): Promise<TestEmulator> {
  const running = await startEmulator({ port: 0, dbPath: ":memory:", seedUsers: 0 });
  return new TestEmulator(running);
}

export class TestEmulator {
  constructor(readonly running: RunningEmulator) {}
  get url() {
    return this.running.url;
  }
  get db() {
    return this.running.db;
  }
  stop() {
    return this.running.stop();
  }

  /** Headers for an access type using the demo project's keys. */
  headers(accessType: AccessType | null, extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = {};
    if (accessType) {
      h["x-stack-project-id"] = DEMO.projectId;
      h["x-stack-access-type"] = accessType;
      if (accessType === "client") h["x-stack-publishable-client-key"] = DEMO.publishableClientKey;
      if (accessType === "server") h["x-stack-secret-server-key"] = DEMO.secretServerKey;
      if (accessType === "admin") h["x-stack-super-secret-admin-key"] = DEMO.superSecretAdminKey;
    }
    return { ...h, ...extra };
  }

  /** Like Stack's niceBackendFetch: path below /api/v1, JSON body, returns status + parsed body. */
  async fetch(
    path: string,
    opts: { method?: string; accessType?: AccessType | null; body?: unknown; headers?: Record<string, string>; rawBody?: string | Buffer } = {},
  ): Promise<NiceResponse> {
    const headers = this.headers(opts.accessType === undefined ? "admin" : opts.accessType, opts.headers);
    let body: string | Buffer | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers["content-type"] ??= "application/json";
    }
    const res = await fetch(`${this.url}/api/v1${path}`, { method: opts.method ?? "GET", headers, body: body as BodyInit | undefined });
    const text = await res.text();
    const isJson = (res.headers.get("content-type") ?? "").includes("application/json");
    return { status: res.status, headers: res.headers, body: isJson && text ? JSON.parse(text) : text, text };
  }
}

/** Asserts the known-error shape (status, both known-error headers, `{code, error, details?}`) and returns the body. */
export function expectKnownError(res: NiceResponse, code: string, status: number) {
  const problems: string[] = [];
  if (res.status !== status) problems.push(`status ${res.status} != ${status}`);
  if (res.headers.get("x-stack-known-error") !== code) problems.push(`x-stack-known-error ${res.headers.get("x-stack-known-error")} != ${code}`);
  if (res.headers.get("x-hexclave-known-error") !== code) problems.push(`x-hexclave-known-error missing`);
  if (!res.headers.get("content-type")?.startsWith("application/json")) problems.push("content-type not JSON");
  if (typeof res.body !== "object" || res.body?.code !== code || typeof res.body?.error !== "string") problems.push(`body ${res.text}`);
  if (problems.length) throw new Error(`Expected known error ${code} (${status}): ${problems.join("; ")}`);
  return res.body as { code: string; error: string; details?: Record<string, unknown> };
}
