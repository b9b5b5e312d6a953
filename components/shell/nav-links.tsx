"use client";

import { cn } from "@/components/ui/cn";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId } from "react";
import { navItemForPath, navItemsFor, navSections } from "@/lib/nav";
import type { Role } from "@/lib/roles";
import { NAV_ICONS } from "./nav-icons";

/** The grouped sidebar, from the nav registry: only pages that exist and that the operator's role may open. */
export function NavLinks({ role, className }: { role: Role; className?: string }) {
  const pathname = usePathname() ?? "/";
  const items = navItemsFor(role);
  const active = navItemForPath(pathname, items);
  const baseId = useId();
  return (
    <div className={cn("grid gap-4", className)}>
      {navSections(items).map((section, i) => {
        const headingId = `${baseId}-${i}`;
        return (
          <div key={`${section.group}-${i}`} className="grid gap-1">
            {section.label ? (
              <h2 id={headingId} className="px-2.5 text-xs font-medium uppercase tracking-wide text-muted-foreground">
                {section.label}
              </h2>
            ) : null}
            <ul className="grid gap-0.5" aria-labelledby={section.label ? headingId : undefined}>
              {section.items.map((item) => {
                const Icon = NAV_ICONS[item.id];
                const current = item === active;
                return (
                  <li key={item.id}>
                    {/* prefetch={false}: JS budget; no prefetch storm from the sidebar on every page. */}
                    <Link
                      href={item.href}
                      prefetch={false}
                      aria-current={current ? "page" : undefined}
                      onClick={(event) => {
                        // Inside the mobile menu (a native popover): close it on navigation.
                        event.currentTarget.closest<HTMLElement>("[popover]")?.hidePopover();
                      }}
                      className={cn(
                        "flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium transition-colors",
                        "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                        current ? "bg-accent text-accent-foreground" : "text-muted-foreground hover:bg-accent/60 hover:text-foreground",
                      )}
                    >
                      {Icon ? <Icon className="size-4 shrink-0" aria-hidden /> : null}
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </div>
  );
}
