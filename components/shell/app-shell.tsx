import { Menu } from "lucide-react";
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import type { ReactNode } from "react";
import { PaletteLauncher } from "@/components/palette/palette-launcher";
import { NavLinks } from "./nav-links";
import { OperatorMenu, type ShellOperator } from "./operator-menu";
import { ProjectSwitcher, type ShellProject } from "./project-switcher";
import { ThemeToggle } from "./theme-toggle";
import { EnvironmentBand } from "./environment-band";
import { ProductionConfirm } from "./production-confirm";

export type { ShellOperator, ShellProject };

export type AppShellProps = {
  operator: ShellOperator;
  projects: ShellProject[];
  currentProject: ShellProject;
  children: ReactNode;
};

function Brand() {
  return (
    <Link
      href="/"
      prefetch={false}
      className="flex items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <span
        aria-hidden
        className="flex size-6 items-center justify-center rounded-md bg-primary text-xs font-bold text-primary-foreground"
      >
        S
      </span>
      <span>Stack Admin</span>
    </Link>
  );
}

/**
 * Signed-in chrome. Server component; the only client islands are the nav links
 * (active state), the project switcher, the theme toggle and the palette launcher (its
 * shortcuts; the palette itself loads on first use). The mobile menu and
 * the operator menu use the native Popover API, so they cost no JS.
 */
export function AppShell({ operator, projects, currentProject, children }: AppShellProps) {
  return (
    <>
    <EnvironmentBand environment={currentProject.environment ?? null} projectName={currentProject.name} />
    {currentProject.environment === "production" ? <ProductionConfirm projectName={currentProject.name} /> : null}
    <div className="min-h-dvh lg:grid lg:grid-cols-[15rem_minmax(0,1fr)]">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        Skip to content
      </a>

      <aside className={cn("hidden border-r bg-muted/30 lg:sticky lg:flex lg:flex-col", currentProject.environment ? "lg:top-6 lg:h-[calc(100dvh-1.5rem)]" : "lg:top-0 lg:h-dvh")}>
        <div className="flex h-14 items-center border-b px-4">
          <Brand />
        </div>
        <nav aria-label="Main" className="flex-1 overflow-y-auto p-3">
          <NavLinks role={operator.role} />
        </nav>
      </aside>

      <div className="flex min-w-0 flex-col">
        <header className={cn("sticky z-40", currentProject.environment ? "top-6" : "top-0", "flex h-14 items-center gap-2 border-b bg-background/95 px-3 backdrop-blur supports-[backdrop-filter]:bg-background/80 sm:gap-3 sm:px-4 lg:px-6")}>
          <button
            type="button"
            popoverTarget="mobile-nav"
            aria-label="Menu"
            className="inline-flex size-9 items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring lg:hidden"
          >
            <Menu className="size-5" aria-hidden />
          </button>
          <div className="hidden sm:block lg:hidden">
            <Brand />
          </div>
          <span aria-hidden className="hidden text-muted-foreground sm:inline lg:hidden">
            /
          </span>

          {projects.length > 1 ? (
            <ProjectSwitcher projects={projects} currentProject={currentProject} />
          ) : (
            <span className="truncate text-sm font-medium">{currentProject.name}</span>
          )}

          <div className="ml-auto flex items-center gap-2 sm:gap-3">
            <PaletteLauncher role={operator.role} />
            <ThemeToggle />
            <OperatorMenu operator={operator} />
          </div>
        </header>

        <nav
          id="mobile-nav"
          popover="auto"
          aria-label="Main"
          className="fixed inset-x-0 bottom-auto top-14 m-0 w-auto max-w-none border-b bg-background p-3 shadow-md lg:hidden"
        >
          <NavLinks role={operator.role} />
        </nav>

        <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-8">
          {children}
        </main>
      </div>
    </div>
    </>
  );
}
