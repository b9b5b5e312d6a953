import type { DB, Stmt } from "./db";
import { Errors, TextError } from "./errors";
import { readProjectConfig } from "./project-bootstrap";
import { userRestriction } from "./resources/users";
import { verifyJwt } from "./tokens";

export type AccessType = "client" | "server" | "admin";

export type AuthContext = {
  accessType: AccessType;
  projectId: string;
  branchId: string;
  /** The user of x-stack-access-token, if any (what a `me` user id stands for). */
  userId: string | null;
  /** The refresh-token id (session id) the access token was issued for. */
  sessionId: string | null;
};

/** Case-insensitive header lookup in both spellings; empty values count as absent (SDKs send empty keys). */
export function stackHeader(headers: Headers, name: string): string | undefined {
  const hex = headers.get(`x-hexclave-${name}`);
  if (hex !== null && hex !== "") return hex;
  const st = headers.get(`x-stack-${name}`);
  if (st !== null && st !== "") return st;
  return undefined;
}

type ProjectRow = { id: string; owner_team_id: string | null; is_development_environment: number };
type KeySlot = "publishable_client_key" | "secret_server_key" | "super_secret_admin_key";

export function createAuthenticator(db: DB, jwtSecret: string) {
  const projectStmt = db.prepare("SELECT id, owner_team_id, is_development_environment FROM projects WHERE id = ?");
  const keyStmts: Record<KeySlot, Stmt> = {
    publishable_client_key: db.prepare(
      "SELECT 1 FROM api_key_sets WHERE project_id = ? AND publishable_client_key = ? AND manually_revoked_at_millis IS NULL AND expires_at_millis > ?",
    ),
    secret_server_key: db.prepare(
      "SELECT 1 FROM api_key_sets WHERE project_id = ? AND secret_server_key = ? AND manually_revoked_at_millis IS NULL AND expires_at_millis > ?",
    ),
    super_secret_admin_key: db.prepare(
      "SELECT 1 FROM api_key_sets WHERE project_id = ? AND super_secret_admin_key = ? AND manually_revoked_at_millis IS NULL AND expires_at_millis > ?",
    ),
  };
  const memberStmt = db.prepare("SELECT 1 FROM team_members WHERE team_id = ? AND user_id = ?");
  const sessionStmt = db.prepare("SELECT 1 FROM sessions WHERE id = ? AND expires_at > ?");

  const keyValid = (projectId: string, slot: KeySlot, key: string) =>
    keyStmts[slot].get(projectId, key, Date.now()) !== undefined;

  /**
   * Stack's request authentication (https://docs.stack-auth.com/api/overview), checks in the
   * real server's order, first failure wins. Returns null for an
   * anonymous request (no access type, no keys); endpoints needing auth then answer
   * ACCESS_TYPE_REQUIRED.
   */
  function authenticate(headers: Headers): AuthContext | null {
    const accessType = stackHeader(headers, "access-type");
    const projectId = stackHeader(headers, "project-id");
    const pck = stackHeader(headers, "publishable-client-key");
    const ssk = stackHeader(headers, "secret-server-key");
    const sak = stackHeader(headers, "super-secret-admin-key");
    const adminToken = stackHeader(headers, "admin-access-token");
    const accessToken = stackHeader(headers, "access-token");

    // 1–2
    if (accessType === undefined) {
      if (pck || ssk || sak || adminToken) throw Errors.projectKeyWithoutAccessType();
      return null;
    }
    // 3
    if (accessType !== "client" && accessType !== "server" && accessType !== "admin") {
      throw Errors.invalidAccessType(accessType);
    }
    // 4
    if (projectId === undefined) throw Errors.accessTypeWithoutProjectId(accessType);

    // 5: user access token
    let userId: string | null = null;
    let sessionId: string | null = null;
    if (accessToken !== undefined) {
      const r = verifyJwt(accessToken, jwtSecret);
      if (!r.ok && r.reason === "unparsable") throw Errors.unparsableAccessToken();
      if (!r.ok && r.reason === "expired") {
        throw Errors.accessTokenExpired({
          expired_at_millis: r.claims.exp * 1000,
          project_id: r.claims.project_id,
          user_id: r.claims.sub,
          refresh_token_id: r.claims.refresh_token_id ?? null,
        });
      }
      if (r.ok) {
        if (r.claims.project_id !== projectId) throw Errors.invalidProjectForAccessToken(projectId, r.claims.project_id);
        const user = userRestriction(db, projectId, r.claims.sub);
        // A token whose user or session is gone is as good as expired.
        if (!user || (r.claims.refresh_token_id && !sessionStmt.get(r.claims.refresh_token_id, Date.now()))) {
          throw Errors.unparsableAccessToken();
        }
        const allowAnon = stackHeader(headers, "allow-anonymous-user") === "true";
        const allowRestricted = allowAnon || stackHeader(headers, "allow-restricted-user") === "true";
        if (user.isAnonymous && !allowAnon) throw Errors.anonymousAuthenticationNotAllowed();
        // Any restriction (admin, or an unverified e-mail while the project requires verification).
        if (user.reason && !allowRestricted) throw Errors.restrictedUserNotAllowed(user.reason);
        userId = r.claims.sub;
        sessionId = r.claims.refresh_token_id ?? null;
      }
    }

    // 6: project exists (checked before keys on new servers)
    const project = projectStmt.get(projectId) as ProjectRow | undefined;
    if (!project) throw Errors.currentProjectNotFound(projectId);

    // 7b: admin access token takes precedence over every key
    if (adminToken !== undefined) {
      const r = verifyJwt(adminToken, jwtSecret);
      if (!r.ok && r.reason === "unparsable") throw Errors.unparsableAdminAccessToken();
      if (!r.ok && r.reason === "expired") throw Errors.adminAccessTokenExpired(r.claims.exp * 1000);
      if (r.ok) {
        if (r.claims.project_id !== "internal") throw Errors.adminAccessTokenIsNotAdmin();
        const admin = userRestriction(db, "internal", r.claims.sub);
        if (!admin) throw new TextError(401, "The user of the admin access token does not exist anymore.");
        // Restricted dashboard users are refused; anonymous ones only outside development-environment projects.
        if (admin.reason && !(admin.isAnonymous && project.is_development_environment)) throw Errors.adminAccessTokenIsNotAdmin();
        if (!project.owner_team_id || !memberStmt.get(project.owner_team_id, r.claims.sub)) {
          throw Errors.adminAccessTokenIsNotAdmin();
        }
      }
    } else if (accessType === "client") {
      // 7c
      if (pck === undefined) {
        if (readProjectConfig(db, projectId).project?.requirePublishableClientKey !== false) throw Errors.publishableClientKeyRequired(projectId);
      } else if (!keyValid(projectId, "publishable_client_key", pck)) {
        throw Errors.invalidPublishableClientKey(projectId);
      }
    } else if (accessType === "server") {
      // 7d: only the matching slot counts
      if (ssk === undefined) throw Errors.serverAuthenticationRequired();
      if (!keyValid(projectId, "secret_server_key", ssk)) throw Errors.invalidSecretServerKey(projectId);
    } else {
      // 7e
      if (sak === undefined) throw Errors.adminAuthenticationRequired();
      if (!keyValid(projectId, "super_secret_admin_key", sak)) throw Errors.invalidSuperSecretAdminKey(projectId);
    }

    // 8
    const branchId = stackHeader(headers, "branch-id") ?? "main";
    if (branchId !== "main") throw Errors.branchDoesNotExist(branchId);

    return { accessType, projectId, branchId, userId, sessionId };
  }

  return { authenticate };
}
