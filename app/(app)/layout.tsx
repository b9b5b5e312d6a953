import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { getShellContext } from "@/lib/server/shell-context";

// Chrome only. Authorization happens in pages, route handlers and actions; a
// layout does not re-render on every navigation, so it can't be a guard.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const { operator, projects, currentProject } = await getShellContext();
  return (
    <AppShell operator={operator} projects={projects} currentProject={currentProject}>
      {children}
    </AppShell>
  );
}
