"use client";

// clsx, not cn(): tailwind-merge is ~10 KB gz and the shell ships on every route.
import { clsx } from "clsx";
import { LayoutDashboard, ScrollText, UserCog, Users, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { hasRole, type Role } from "@/lib/server/roles";

// Teams, API keys and Settings join this list as their pages land.
const NAV_ITEMS: { href: string; label: string; icon: LucideIcon; minRole?: Role }[] = [
  { href: "/", label: "Overview", icon: LayoutDashboard },
  { href: "/users", label: "Users", icon: Users },
  { href: "/audit", label: "Audit log", icon: ScrollText },
  { href: "/operators", label: "Operators", icon: UserCog, minRole: "owner" },
];

function isActive(pathname: string, href: string) {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks({ className, role }: { className?: string; role: Role }) {
  const pathname = usePathname() ?? "/";
  return (
    <ul className={clsx("grid gap-0.5", className)}>
      {NAV_ITEMS.filter((item) => !item.minRole || hasRole(role, item.minRole)).map(({ href, label, icon: Icon }) => {
        const active = isActive(pathname, href);
        return (
          <li key={href}>
            {/* prefetch={false}: JS budget; no prefetch storm from the sidebar on every page. */}
            <Link
              href={href}
              prefetch={false}
              aria-current={active ? "page" : undefined}
              onClick={(event) => {
                // Inside the mobile menu (a native popover): close it on navigation.
                event.currentTarget.closest<HTMLElement>("[popover]")?.hidePopover();
              }}
              className={clsx(
                "flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium transition-colors",
                "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                active
                  ? "bg-accent text-accent-foreground"
                  : "text-muted-foreground hover:bg-accent/60 hover:text-foreground",
              )}
            >
              <Icon className="size-4 shrink-0" aria-hidden />
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
