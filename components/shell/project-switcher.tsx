"use client";

import { cn } from "@/components/ui/cn";
import { ChevronsUpDown } from "lucide-react";
import type { ProjectEnvironment } from "@/lib/projects-dto";
import { ENVIRONMENT_STYLE } from "./environment";

export type ShellProject = { slug: string; name: string; environment?: ProjectEnvironment | null };

const optionText = (p: ShellProject) => (p.environment ? `${p.name} (${ENVIRONMENT_STYLE[p.environment].label})` : p.name);

/**
 * Switching projects is a full navigation on purpose: the route handler sets the
 * selection server-side, and every cached RSC payload of the old project is dropped.
 * It is a form POST (not a GET link) so another site cannot switch an operator's project:
 * the SameSite=Lax session cookie does not travel with a cross-site POST.
 */
export function ProjectSwitcher({
  projects,
  currentProject,
  className,
}: {
  projects: ShellProject[];
  currentProject: ShellProject;
  className?: string;
}) {
  return (
    <form method="post" action="/api/projects/select" className={cn("relative min-w-0", className)}>
      <label htmlFor="project-switcher" className="sr-only">
        Project
      </label>
      <select
        id="project-switcher"
        name="slug"
        defaultValue={currentProject.slug}
        onChange={(event) => {
          if (event.target.value !== currentProject.slug) event.target.form?.requestSubmit();
        }}
        data-environment={currentProject.environment ?? undefined}
        className={cn(
          "h-8 w-full max-w-56 appearance-none truncate rounded-md border border-input bg-background py-1 pl-2.5 pr-8 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
          // The environment's colour as a thick left edge, as in the header band.
          currentProject.environment && ["border-l-4", ENVIRONMENT_STYLE[currentProject.environment].edge],
        )}
      >
        {projects.map((project) => (
          <option key={project.slug} value={project.slug}>
            {optionText(project)}
          </option>
        ))}
      </select>
      <ChevronsUpDown
        aria-hidden
        className="pointer-events-none absolute right-2 top-1/2 size-4 -translate-y-1/2 text-muted-foreground"
      />
      <noscript>
        <button type="submit" className="ml-2 text-sm underline">
          Switch
        </button>
      </noscript>
    </form>
  );
}
