import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

const TABS = [
  { href: "/settings/config", label: "Export and import" },
  { href: "/settings/config/compare", label: "Compare projects" },
  { href: "/settings/config/history", label: "History" },
] as const;

/** The config-as-code pages' header: title and links between them. No client JS. */
export function ConfigHeader({ current, projectName, children }: { current: (typeof TABS)[number]["href"]; projectName: string; children?: ReactNode }) {
  return (
    <div className="space-y-3">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{TABS.find((t) => t.href === current)?.label}</h1>
        <p className="text-sm text-muted-foreground">
          Configuration of {projectName} as code. {children}
        </p>
      </div>
      <nav aria-label="Config as code" className="flex flex-wrap gap-1 border-b text-sm">
        <Link href="/settings" prefetch={false} className="px-3 py-2 text-muted-foreground hover:text-foreground">
          Settings
        </Link>
        {TABS.map((t) => (
          <Link
            key={t.href}
            href={t.href}
            prefetch={false}
            aria-current={t.href === current ? "page" : undefined}
            className={cn("-mb-px border-b-2 px-3 py-2", t.href === current ? "border-primary font-medium" : "border-transparent text-muted-foreground hover:text-foreground")}
          >
            {t.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
