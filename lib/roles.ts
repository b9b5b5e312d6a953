// Operator roles, lowest to highest. Pure module: also used by client components for display.
export const ROLES = ["viewer", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Fail closed: an unknown role never satisfies anything. */
export function hasRole(actual: unknown, minimum: Role): boolean {
  if (!isRole(actual)) return false;
  return ROLES.indexOf(actual) >= ROLES.indexOf(minimum);
}
