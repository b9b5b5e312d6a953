import Link from "next/link";
import { cn } from "@/components/ui/cn";
import type { PermissionScope } from "@/lib/permissions-dto";

const TABS: { scope: PermissionScope; label: string; href: string }[] = [
  { scope: "team", label: "Team permissions", href: "/permissions" },
  { scope: "project", label: "Project permissions", href: "/permissions?scope=project" },
];

/** The two scopes as links: the scope lives in the URL (shareable, the back button works). No client JS. */
export function PermissionScopeTabs({ scope }: { scope: PermissionScope }) {
  return (
    <nav aria-label="Permission scope" className="mb-4 border-b">
      <ul className="-mb-px flex gap-4 text-sm">
        {TABS.map((tab) => (
          <li key={tab.scope}>
            <Link
              href={tab.href}
              prefetch={false}
              aria-current={tab.scope === scope ? "page" : undefined}
              className={cn(
                "inline-block rounded-t-sm border-b-2 px-1 pb-2 font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                tab.scope === scope ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The URL of a scope's page, optionally with the delete confirmation of one definition open. */
export function permissionsHref(scope: PermissionScope, deleteId?: string): string {
  const params = new URLSearchParams();
  if (scope === "project") params.set("scope", "project");
  if (deleteId) params.set("delete", deleteId);
  const q = params.toString();
  return q ? `/permissions?${q}` : "/permissions";
}
