// A real OpenID Connect provider (panva's oidc-provider) on loopback, for the SSO e2e tests.
// Started by playwright.config.ts before the dashboard; `npx tsx e2e/oidc-provider.ts` runs it alone.
//
// It is a development set-up on purpose: the library's own "devInteractions" serve the login form
// (any password is accepted; the login is the account id), the one client is first-party so consent
// is granted without a prompt, and the signing key is generated at start and lives in memory.
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { OIDC_ACCOUNTS, OIDC_CLIENT, OIDC_ISSUER, OIDC_PORT, OIDC_ROLE_CLAIM } from "./env";

// Loopback only, like the emulator.
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(OIDC_ISSUER)) throw new Error(`Refusing to serve OIDC on ${OIDC_ISSUER}: not loopback.`);

const accounts = new Map<string, { sub: string; email: string; emailVerified: boolean; name: string; role?: string }>(Object.values(OIDC_ACCOUNTS).map((a) => [a.sub, a]));
const SCOPE = "openid email profile";

async function signingKeys() {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  return { keys: [{ ...(await exportJWK(privateKey)), kid: "e2e-rs256", alg: "RS256", use: "sig" }] };
}

const configuration: Configuration = {
  clients: [
    {
      client_id: OIDC_CLIENT.id,
      client_secret: OIDC_CLIENT.secret,
      redirect_uris: [OIDC_CLIENT.redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  jwks: await signingKeys(),
  cookies: { keys: ["e2e-oidc-provider-cookie-key-0123456789"] },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", OIDC_ROLE_CLAIM] },
  // Unknown logins get no account, so the provider asks again instead of signing anyone in.
  async findAccount(_ctx, sub) {
    const account = accounts.get(sub);
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, email: account.email, email_verified: account.emailVerified, name: account.name, ...(account.role ? { [OIDC_ROLE_CLAIM]: account.role } : {}) };
      },
    };
  },
  // The dashboard is a first-party client: grant its scopes without a consent screen.
  async loadExistingGrant(ctx: KoaContextWithOIDC) {
    const { client, session, result } = ctx.oidc;
    if (!client || !session?.accountId) return undefined;
    const grantId = result?.consent?.grantId || session.grantIdFor(client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope(SCOPE);
    await grant.save();
    return grant;
  },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  ttl: { Session: 60 * 60, Interaction: 10 * 60, Grant: 60 * 60 },
};

const provider = new Provider(OIDC_ISSUER, configuration);
provider.on("server_error", (_ctx, err) => console.error("[oidc-provider] server_error", err));
provider.listen(OIDC_PORT, "127.0.0.1", () => {
  console.log(`[oidc-provider] ${OIDC_ISSUER} (client ${OIDC_CLIENT.id} → ${OIDC_CLIENT.redirectUri})`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
