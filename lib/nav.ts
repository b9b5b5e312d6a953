// The one list of the console's pages: the sidebar, the command palette, the `g <key>` shortcuts,
// breadcrumbs and the E2E accessibility scan all read it. Isomorphic (no server or UI imports).
// A page that lands flips its entry's `ready` to true; until then no link to it appears anywhere.
import { hasRole, ROUTE_MIN_ROLE, type Role } from "@/lib/roles";

export type NavGroup = "people" | "project" | null;

export type NavItem = {
  /** Stable id: also names the sidebar icon. */
  id: string;
  href: string;
  label: string;
  group: NavGroup;
  /** Whether the page exists. */
  ready: boolean;
  /** Lowest operator role that sees the entry (default: everyone signed in); from ROUTE_MIN_ROLE in lib/roles.ts. */
  minRole?: Role;
  /** Second key of its `g <key>` shortcut. */
  shortcut?: string;
  /** Extra words the command palette matches. */
  keywords?: string[];
};

const NAV_GROUP_LABELS: Record<Exclude<NavGroup, null>, string> = { people: "People", project: "Project" };

export const NAV_ITEMS: readonly NavItem[] = [
  { id: "overview", href: "/", label: "Overview", group: null, ready: true, shortcut: "o", keywords: ["home", "dashboard", "metrics"] },
  { id: "users", href: "/users", label: "Users", group: "people", ready: true, shortcut: "u", keywords: ["accounts", "people"] },
  { id: "users-import", href: "/users/import", label: "Import users", group: "people", ready: true, minRole: ROUTE_MIN_ROLE["users-import"], keywords: ["csv", "upload", "migrate", "auth0", "clerk", "supabase", "firebase"] },
  { id: "teams", href: "/teams", label: "Teams", group: "people", ready: true, shortcut: "t", keywords: ["organizations", "members"] },
  { id: "permissions", href: "/permissions", label: "Permissions", group: "people", ready: true, shortcut: "p", keywords: ["roles"] },
  // These four are cards of the settings page: anchors of /settings, one form per group.
  { id: "sign-in-methods", href: "/settings#sign-in", label: "Sign-in methods", group: "project", ready: true, shortcut: "m", keywords: ["auth", "password", "passkey", "otp"] },
  { id: "oauth-providers", href: "/settings#oauth-providers", label: "OAuth providers", group: "project", ready: true, shortcut: "h", keywords: ["google", "github", "social"] },
  { id: "domains", href: "/settings#domains", label: "Domains", group: "project", ready: true, shortcut: "d", keywords: ["redirect", "trusted"] },
  { id: "emails", href: "/settings#emails", label: "E-mails", group: "project", ready: true, shortcut: "e", keywords: ["templates", "smtp", "email"] },
  { id: "api-keys", href: "/api-keys", label: "API keys", group: "project", ready: true, minRole: ROUTE_MIN_ROLE["api-keys"], shortcut: "k", keywords: ["keys", "secrets"] },
  { id: "settings", href: "/settings", label: "Settings", group: "project", ready: true, shortcut: "s", keywords: ["project", "configuration"] },
  { id: "config", href: "/settings/config", label: "Config as code", group: "project", ready: true, keywords: ["export", "import", "json", "dry run", "configuration"] },
  { id: "config-compare", href: "/settings/config/compare", label: "Compare projects", group: "project", ready: true, keywords: ["diff", "staging", "production", "copy", "configuration"] },
  { id: "config-history", href: "/settings/config/history", label: "Config history", group: "project", ready: true, keywords: ["rollback", "restore", "versions", "changed elsewhere"] },
  { id: "audit", href: "/audit", label: "Audit log", group: null, ready: true, shortcut: "a", keywords: ["history", "changes", "log"] },
  { id: "jobs", href: "/jobs", label: "Jobs", group: null, ready: true, shortcut: "j", keywords: ["bulk", "progress", "background", "delete many"] },
  { id: "operators", href: "/operators", label: "Operators", group: null, ready: true, minRole: ROUTE_MIN_ROLE.operators, shortcut: "x", keywords: ["admins", "staff", "access"] },
];

/** The entries this operator can open: pages that exist and that their role may see (unknown roles: none). */
export function navItemsFor(role: unknown, items: readonly NavItem[] = NAV_ITEMS): NavItem[] {
  return items.filter((item) => item.ready && hasRole(role, item.minRole ?? "viewer"));
}

/** The entry a path belongs to: exact match, else the longest entry that prefixes it ("/users/x" → Users). */
export function navItemForPath(pathname: string, items: readonly NavItem[] = NAV_ITEMS): NavItem | undefined {
  let best: NavItem | undefined;
  for (const item of items) {
    const hit = item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(`${item.href}/`);
    if (hit && (!best || item.href.length > best.href.length)) best = item;
  }
  return best;
}

/** Consecutive entries of one group form a sidebar section (ungrouped ones stand alone, unlabelled). */
export function navSections(items: readonly NavItem[]): { group: NavGroup; label: string | null; items: NavItem[] }[] {
  const sections: { group: NavGroup; label: string | null; items: NavItem[] }[] = [];
  for (const item of items) {
    const last = sections.at(-1);
    if (last && last.group === item.group) last.items.push(item);
    else sections.push({ group: item.group, label: item.group ? NAV_GROUP_LABELS[item.group] : null, items: [item] });
  }
  return sections;
}
