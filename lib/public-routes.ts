// The route handlers anyone may call without a session: liveness and readiness for load
// balancers and orchestrators. Exactly these; every other route handler checks the session
// itself and audits the refusal (e2e/entry-points.spec.ts holds the two lists together).
export const PUBLIC_ROUTE_HANDLERS = ["/api/health", "/api/ready"] as const;

export function isPublicRouteHandler(pathname: string): boolean {
  return (PUBLIC_ROUTE_HANDLERS as readonly string[]).includes(pathname);
}
