import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { NAV_ITEMS } from "@/lib/nav";

/** Where a detail page sits: its area (from the nav registry), then the page itself. No client JS. */
export function Breadcrumbs({ area, current }: { area: string; current: string }) {
  const parent = NAV_ITEMS.find((item) => item.id === area);
  return (
    <nav aria-label="Breadcrumb" className="mb-4 min-w-0 text-sm">
      <ol className="flex min-w-0 items-center gap-1.5 text-muted-foreground">
        {parent ? (
          <li className="shrink-0">
            <Link href={parent.href} prefetch={false} className="rounded-sm hover:text-foreground hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
              {parent.label}
            </Link>
          </li>
        ) : null}
        <li className="flex min-w-0 items-center gap-1.5">
          {parent ? <ChevronRight className="size-3.5 shrink-0" aria-hidden /> : null}
          <span aria-current="page" className="truncate font-medium text-foreground">
            {current}
          </span>
        </li>
      </ol>
    </nav>
  );
}
