// Every server action and route handler, enumerated from the build and the source, called over
// HTTP without a session, with a forged and with an expired session cookie, and as a viewer: each
// is refused before anything reaches Stack (the emulator's request count and log do not move),
// and each refusal that reaches the console's code is in the audit log.
import { ACTION_MIN_ROLE, hasRole, type ActionName } from "../lib/roles";
import { ACTION_INPUTS } from "./action-inputs";
import { DASHBOARD_URL, storageStatePath } from "./env";
import {
  auditSince,
  batch,
  callAction,
  emulatorRequests,
  expiredSessionCookie,
  FORGED_COOKIE,
  lastAuditId,
  lastRequestSeq,
  routeHandlers,
  serverActions,
  sourceActions,
  storedSessionCookie,
  type ServerAction,
} from "./entry-points";
import { test, expect } from "./fixtures";
import { PUBLIC_ROUTE_HANDLERS } from "@/lib/public-routes";

type Call = { method: "GET" | "POST"; path: string; form?: string };
type RoutePolicy =
  | { access: "operator"; call: Call; audit: string; viewerStatus: number }
  | { access: "public"; calls: Call[] }
  // Health and readiness probes (lib/public-routes.ts): answer anyone; /api/ready reads Stack.
  | { access: "probe"; call: Call };

// How each route handler is called and who may call it. A route missing here fails the test.
const ROUTES: Record<string, RoutePolicy> = {
  "/api/users": { access: "operator", call: { method: "GET", path: "/api/users?pageSize=10" }, audit: "listUsers", viewerStatus: 200 },
  "/api/search": { access: "operator", call: { method: "GET", path: "/api/search?q=anna" }, audit: "search", viewerStatus: 200 },
  "/api/users/export": { access: "operator", call: { method: "GET", path: "/api/users/export?q=anna" }, audit: "exportUsers", viewerStatus: 403 },
  "/api/config/export": { access: "operator", call: { method: "GET", path: "/api/config/export" }, audit: "exportConfig", viewerStatus: 200 },
  "/api/audit/export": { access: "operator", call: { method: "GET", path: "/api/audit/export" }, audit: "exportAudit", viewerStatus: 403 },
  // A viewer may watch a job's progress; this id is no job (404), and the lookup reads no Stack.
  "/api/jobs/[jobId]": { access: "operator", call: { method: "GET", path: "/api/jobs/6f1e2d3c-4b5a-4968-8776-655443322110" }, audit: "getJob", viewerStatus: 404 },
  "/api/projects/select": { access: "operator", call: { method: "POST", path: "/api/projects/select", form: "slug=e2e" }, audit: "selectProject", viewerStatus: 303 },
  "/api/health": { access: "probe", call: { method: "GET", path: "/api/health" } },
  "/api/ready": { access: "probe", call: { method: "GET", path: "/api/ready" } },
  // next-auth's own endpoints are public by design (sign-in, csrf, session); they must not touch Stack.
  "/api/auth/[...nextauth]": {
    access: "public",
    calls: [
      { method: "GET", path: "/api/auth/session" },
      { method: "GET", path: "/api/auth/csrf" },
      { method: "GET", path: "/api/auth/providers" },
      { method: "POST", path: "/api/auth/callback/credentials", form: "email=nobody%40example.com&password=wrong&csrfToken=forged" },
    ],
  },
};

async function callRoute(call: Call, cookie?: string) {
  const res = await fetch(DASHBOARD_URL + call.path, {
    method: call.method,
    redirect: "manual",
    headers: {
      origin: DASHBOARD_URL,
      ...(cookie ? { cookie } : {}),
      ...(call.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    body: call.form,
  });
  return { status: res.status, location: res.headers.get("location"), text: await res.text() };
}

const toSignIn = (r: { status: number; location: string | null }) => r.status >= 300 && r.status < 400 && /\/sign-in/.test(r.location ?? "");

test.describe("every entry point refuses callers without the right session", () => {
  test("the enumeration covers every action and route in the code", () => {
    const built = serverActions().map((a) => a.exportedName).sort();
    expect(built.length, "the build has server actions").toBeGreaterThan(0);
    expect(built, "every defineAction export is a built server action, and nothing else is").toEqual(sourceActions());
    expect(Object.keys(ACTION_INPUTS).sort(), "e2e/action-inputs.ts has an input for every action").toEqual(built);
    const routes = routeHandlers();
    expect(routes.map((r) => r.pattern), "e2e/entry-points.spec.ts has a policy for every route handler").toEqual(Object.keys(ROUTES).sort());
    for (const r of routes) expect(r.methods.length, `${r.file} exports a method`).toBeGreaterThan(0);
  });

  test("server actions: no session, forged, expired, viewer — refused, audited, nothing sent to Stack", async ({ emulator }) => {
    const actions = serverActions();
    const expired = await expiredSessionCookie();
    const viewer = storedSessionCookie(storageStatePath("viewer"));
    const callers = [
      { who: "no session", cookie: undefined },
      { who: "forged session", cookie: FORGED_COOKIE },
      { who: "expired session", cookie: expired },
      { who: "viewer", cookie: viewer },
    ];
    // Viewer-level actions (reads such as revealUserData) are the viewer's to run: proven in their own specs.
    const viewerMay = (a: ServerAction) => hasRole("viewer", ACTION_MIN_ROLE[ACTION_INPUTS[a.exportedName]!.audit as ActionName]);
    const cases = actions.flatMap((action) => callers.filter((c) => c.who !== "viewer" || !viewerMay(action)).map((c) => ({ action, ...c })));

    const before = await emulator.settledApiRequests();
    const seq = await lastRequestSeq();
    const auditId = lastAuditId();
    const replies = await batch(cases, 6, async (c) => ({ ...c, reply: await callAction(c.action, [ACTION_INPUTS[c.action.exportedName]!.valid], c.cookie) }));

    for (const { action, who, reply } of replies) {
      const label = `${action.exportedName} (${who}): HTTP ${reply.status} ${reply.location ?? ""} ${reply.text.slice(0, 300)}`;
      expect(reply.status, label).toBeLessThan(500);
      expect(reply.ok, label).not.toBe(true);
      expect(reply.code, label).toBe(who === "viewer" ? "FORBIDDEN" : "UNAUTHENTICATED");
    }
    expect(await emulator.apiRequests(), "no request reached Stack").toBe(before);
    expect((await emulatorRequests(seq)).items).toEqual([]);

    // Each refusal is audited by the wrapper: three anonymous (none, forged, expired) and one viewer per action.
    const audit = auditSince(auditId);
    for (const action of actions) {
      const name = ACTION_INPUTS[action.exportedName]!.audit;
      const rows = audit.filter((r) => r.action === name && r.status === "refused");
      expect(rows.filter((r) => r.actor_email === "anonymous" && r.error_code === "UNAUTHENTICATED"), `${name}: anonymous refusals audited`).toHaveLength(3);
      expect(rows.filter((r) => r.actor_email === "viewer@example.com" && r.error_code === "FORBIDDEN"), `${name}: viewer refusal audited`).toHaveLength(viewerMay(action) ? 0 : 1);
    }
  });

  test("route handlers: no session, forged, expired — refused and audited; public ones never call Stack", async ({ emulator }) => {
    const expired = await expiredSessionCookie();
    const before = await emulator.settledApiRequests();
    const seq = await lastRequestSeq();
    const auditId = lastAuditId();

    for (const [pattern, policy] of Object.entries(ROUTES)) {
      if (policy.access === "probe") continue;
      if (policy.access === "public") {
        for (const call of policy.calls) {
          for (const cookie of [undefined, FORGED_COOKIE, expired]) {
            const r = await callRoute(call, cookie);
            expect(r.status, `${call.method} ${call.path}: ${r.text.slice(0, 200)}`).toBeLessThan(500);
            if (call.path === "/api/auth/session") expect(JSON.parse(r.text), "no session for a forged or expired cookie").toEqual({});
          }
        }
        continue;
      }
      for (const cookie of [undefined, FORGED_COOKIE, expired]) {
        const r = await callRoute(policy.call, cookie);
        const who = cookie === undefined ? "no" : cookie === FORGED_COOKIE ? "a forged" : "an expired";
        const label = `${pattern} with ${who} session: ${r.status} ${r.text.slice(0, 200)}`;
        expect(r.status === 401 || toSignIn(r), label).toBe(true);
        if (r.status === 401) expect(JSON.parse(r.text), label).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
      }
    }
    expect(await emulator.apiRequests(), "no request reached Stack").toBe(before);
    expect((await emulatorRequests(seq)).items).toEqual([]);

    const audit = auditSince(auditId);
    for (const policy of Object.values(ROUTES)) {
      if (policy.access !== "operator") continue;
      const rows = audit.filter((r) => r.action === policy.audit && r.actor_email === "anonymous" && r.error_code === "UNAUTHENTICATED");
      expect(rows, `${policy.audit}: refusals without a valid session audited`).toHaveLength(3);
    }

    // A viewer may use both operator routes (reads and project switching): the refusals above are the session's doing.
    const viewer = storedSessionCookie(storageStatePath("viewer"));
    for (const policy of Object.values(ROUTES)) {
      if (policy.access !== "operator") continue;
      expect((await callRoute(policy.call, viewer)).status, `${policy.call.path} as a viewer`).toBe(policy.viewerStatus);
    }
  });

  test("exactly the health and readiness probes answer without a session, with no secret in them", async () => {
    const probes = Object.entries(ROUTES).filter(([, p]) => p.access === "probe").map(([pattern]) => pattern);
    expect(probes.sort(), "the probes here are the proxy's allowlist").toEqual([...PUBLIC_ROUTE_HANDLERS].sort());
    const health = await callRoute({ method: "GET", path: "/api/health" });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toEqual({ ok: true });
    // This run configures a project on a closed port ("down"), so the console is not ready, and says why.
    const ready = await callRoute({ method: "GET", path: "/api/ready" });
    expect(ready.status, ready.text).toBe(503);
    const body = JSON.parse(ready.text);
    expect(body.database).toEqual({ ok: true });
    expect(body.projects).toContainEqual({ slug: "e2e", ok: true, key: "1 of 1" });
    expect(body.projects).toContainEqual({ slug: "down", ok: false, code: "STACK_UNREACHABLE", key: "1 of 1" });
    expect(ready.text).not.toMatch(/sak_|ssk_|127\.0\.0\.1|6f4f1b9c/);
    // A write to a probe is not served.
    expect((await callRoute({ method: "POST", path: "/api/ready", form: "x=1" })).status).toBe(405);
  });
});
