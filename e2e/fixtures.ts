import { test as base, expect, type Page } from "@playwright/test";
import { EMULATOR_URL, OPERATORS, PROJECT, storageStatePath, type OperatorName } from "./env";

type EmulatorResponse = { status: number; body: any };

/** Reads and writes the emulator over HTTP with admin keys, to set up and check state. */
export class Emulator {
  /** The e2e emulator by default; e2e/releases.spec.ts passes the one playing an older release. */
  constructor(readonly url: string = EMULATOR_URL) {}
  async fetch(path: string, opts: { method?: string; body?: unknown } = {}): Promise<EmulatorResponse> {
    const res = await fetch(`${this.url}/api/v1${path}`, {
      method: opts.method ?? "GET",
      headers: {
        "x-stack-project-id": PROJECT.id,
        "x-stack-access-type": "admin",
        "x-stack-super-secret-admin-key": PROJECT.superSecretAdminKey,
        ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text };
  }
  async createUser(body: Record<string, unknown>) {
    const r = await this.fetch("/users", { method: "POST", body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; primary_email: string | null; display_name: string | null };
  }
  async apiRequests(): Promise<number> {
    return ((await (await fetch(`${this.url}/__emulator/stats`)).json()) as { api_requests: number }).api_requests;
  }
  /** The request count once the dashboard has stopped talking to Stack (a refetch may still be in flight). */
  async settledApiRequests(quietMs = 400, timeoutMs = 10_000): Promise<number> {
    const end = Date.now() + timeoutMs;
    let last = await this.apiRequests();
    while (Date.now() < end) {
      await new Promise((r) => setTimeout(r, quietMs));
      const now = await this.apiRequests();
      if (now === last) return now;
      last = now;
    }
    throw new Error("the dashboard kept calling Stack; cannot take a baseline");
  }
}

/** A page signed in as another operator (the default page is the admin). */
export async function pageAs(browser: import("@playwright/test").Browser, who: OperatorName): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStatePath(who) });
  return context.newPage();
}

export const test = base.extend<{ emulator: Emulator }>({
  emulator: async ({}, use) => {
    await use(new Emulator());
  },
});

export { expect, OPERATORS };
