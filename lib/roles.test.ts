import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NAV_ITEMS } from "@/lib/nav";
import { PUBLIC_ROUTE_HANDLERS } from "@/lib/public-routes";
import { ACTION_MIN_ROLE, actionsFor, canRunAction, hasRole, ROLES, ROUTE_MIN_ROLE, type ActionName, type Role } from "@/lib/roles";

// The permission matrix against the policy as the roles are defined: viewer reads; support also
// resends e-mails, revokes a session, restricts and saves views; operator changes users, contact channels,
// teams, memberships, invitations and grants (and impersonates); admin also settings, keys,
// permission definitions and every dangerous operation; owner also operator accounts and the
// audit export. A new action needs its line here, so its role is a decision, not an accident.
const POLICY: Record<Role, readonly ActionName[]> = {
  viewer: ["revealUserData", "keySealProbe"],
  support: ["restrictUser", "revokeUserSession", "sendContactChannelVerification", "sendPasswordReset", "createView", "renameView", "deleteView", "cancelJob", "bulkRestrictUsers"],
  operator: [
    "createUser",
    "updateUserProfile",
    "setUserPassword",
    "updateUserMetadata",
    "addContactChannel",
    "updateContactChannel",
    "removeContactChannel",
    "updateLinkedAccount",
    "unlinkLinkedAccount",
    "updateTeamProfile",
    "impersonateUser",
    "createTeam",
    "updateTeamMetadata",
    "addTeamMember",
    "removeTeamMember",
    "updateTeamMemberProfile",
    "sendTeamInvitation",
    "revokeTeamInvitation",
    "grantTeamPermission",
    "revokeTeamPermission",
    "grantProjectPermission",
    "revokeProjectPermission",
    "bulkAddTeamMember",
    "bulkRemoveTeamMember",
    "bulkGrantProjectPermission",
    "bulkRevokeProjectPermission",
  ],
  admin: [
    "bulkDeleteUsers",
    "bulkRevokeUserSessions",
    "removeUserTwoFactor",
    "deleteUser",
    "revokeAllUserSessions",
    "deleteTeam",
    "updateGeneralSettings",
    "createUserApiKey",
    "revokeUserApiKey",
    "createTeamApiKey",
    "revokeTeamApiKey",
    "createProjectApiKey",
    "revokeProjectApiKey",
    "revokeConsoleApiKey",
    "createPermissionDefinition",
    "updatePermissionDefinition",
    "deletePermissionDefinition",
    "previewConfigChange",
    "applyConfigChange",
    "updateSignInSettings",
    "updateTeamSettings",
    "updateDomainSettings",
    "updateOAuthProviders",
    "updateEmailServer",
    "sendTestEmail",
    "selectEmailTheme",
    "previewEmailTemplate",
    "saveEmailTemplate",
    "importUsers",
    "previewEmailTheme",
    "saveEmailTheme",
    "countSignInImpact",
  ],
  owner: ["endOperatorSessions"],
};

const root = path.resolve(import.meta.dirname, "..");
const read = (rel: string) => fs.readFileSync(path.join(root, rel), "utf8");

/** Every `defineAction({ name, dangerous? })` in lib/actions, read from the source. */
function definedActions(): { name: string; dangerous: boolean; file: string }[] {
  const dir = path.join(root, "lib/actions");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .flatMap((f) =>
      read(`lib/actions/${f}`)
        .split("defineAction(")
        .slice(1)
        .map((block) => {
          const head = block.slice(0, block.indexOf("handler"));
          const name = /name:\s*"([^"]+)"/.exec(head)?.[1];
          if (!name) throw new Error(`a defineAction in lib/actions/${f} has no literal name`);
          return { name, dangerous: /dangerous:\s*"/.test(head), file: f };
        }),
    );
}

/** The names route handlers audit under: unauthenticated("x") / auditAnonymousRefusal("x") / forbiddenRoute("x", …). */
function routeNames(): { file: string; names: string[] }[] {
  const out: { file: string; names: string[] }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name === "route.ts") {
        const src = read(rel);
        const names = [...src.matchAll(/(?:unauthenticated|auditAnonymousRefusal|forbiddenRoute)\("([^"]+)"/g)].map((m) => m[1]!);
        out.push({ file: rel, names: [...new Set(names)] });
      }
    }
  };
  walk("app");
  return out;
}

describe("roles", () => {
  it("are ordered viewer < support < operator < admin < owner, and unknown roles satisfy nothing", () => {
    expect(ROLES).toEqual(["viewer", "support", "operator", "admin", "owner"]);
    for (const [i, r] of ROLES.entries()) {
      for (const [j, min] of ROLES.entries()) expect(hasRole(r, min), `${r} ≥ ${min}`).toBe(i >= j);
    }
    for (const bogus of ["root", "", null, undefined, "Owner", 3]) {
      expect(hasRole(bogus, "viewer")).toBe(false);
      expect(actionsFor(bogus)).toEqual([]);
    }
  });
});

describe("ACTION_MIN_ROLE", () => {
  it("gives every action the minimum role of the policy", () => {
    const expected = Object.fromEntries(Object.entries(POLICY).flatMap(([role, actions]) => actions.map((a) => [a, role])));
    expect(ACTION_MIN_ROLE).toEqual(expected);
  });

  it("lets each role run exactly its own actions and those of every lower role", () => {
    for (const [i, role] of ROLES.entries()) {
      const expected = ROLES.slice(0, i + 1).flatMap((r) => POLICY[r]);
      expect(new Set(actionsFor(role)), role).toEqual(new Set(expected));
      for (const higher of ROLES.slice(i + 1)) for (const a of POLICY[higher]) expect(canRunAction(role, a), `${role} may not ${a}`).toBe(false);
    }
    // The read-only role changes nothing: its only actions are reads.
    expect(actionsFor("viewer").sort()).toEqual(["keySealProbe", "revealUserData"]);
  });

  it("has exactly the actions defined in lib/actions (plus the key-seal test's probe)", () => {
    const defined = definedActions().map((a) => a.name);
    expect(new Set(defined).size, "action names are unique").toBe(defined.length);
    expect(read("lib/server/key-seal.test.ts")).toContain('name: "keySealProbe"');
    expect([...defined, "keySealProbe"].sort()).toEqual(Object.keys(ACTION_MIN_ROLE).sort());
  });

  it("needs admin or owner for every dangerous operation", () => {
    const dangerous = definedActions().filter((a) => a.dangerous);
    expect(dangerous.length).toBeGreaterThan(0);
    for (const a of dangerous) expect(hasRole(ACTION_MIN_ROLE[a.name as ActionName], "admin"), `${a.name} (${a.file})`).toBe(true);
  });
});

describe("ROUTE_MIN_ROLE", () => {
  it("covers every route handler's name (next-auth's own route and the public probes aside)", () => {
    // next-auth's own route, and the public probes (lib/public-routes.ts: no session, no role).
    const publicFiles = PUBLIC_ROUTE_HANDLERS.map((p) => `app${p}/route.ts`);
    const routes = routeNames().filter((r) => !r.file.includes("[...nextauth]") && !publicFiles.includes(r.file));
    expect(routes.length).toBeGreaterThan(0);
    for (const r of routes) {
      expect(r.names.length, `${r.file} names itself`).toBeGreaterThan(0);
      for (const n of r.names) expect(ROUTE_MIN_ROLE, `${r.file}: ${n}`).toHaveProperty(n);
      expect(read(r.file), `${r.file} checks ROUTE_MIN_ROLE`).toMatch(/forbiddenRoute\("/);
    }
  });

  it("is where nav entries take their minimum role from", () => {
    for (const item of NAV_ITEMS) {
      const fromMatrix = (ROUTE_MIN_ROLE as Record<string, Role>)[item.id];
      expect(item.minRole ?? "viewer", item.id).toBe(fromMatrix ?? "viewer");
    }
    expect(ROUTE_MIN_ROLE.operators).toBe("owner");
  });
});
