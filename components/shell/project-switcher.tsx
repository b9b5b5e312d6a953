"use client";

// clsx, not cn(): tailwind-merge is ~10 KB gz and the shell ships on every route.
import { clsx } from "clsx";
import { ChevronsUpDown } from "lucide-react";

export type ShellProject = { slug: string; name: string };

/**
 * Switching projects is a full navigation on purpose: the route handler sets the
 * selection server-side, and every cached RSC payload of the old project is dropped.
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
  function onSelect(slug: string) {
    if (slug === currentProject.slug) return;
    // A route handler, not a page: a hard navigation is what we want here.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`/api/projects/select?slug=${encodeURIComponent(slug)}`);
  }

  return (
    <div className={clsx("relative min-w-0", className)}>
      <label htmlFor="project-switcher" className="sr-only">
        Project
      </label>
      <select
        id="project-switcher"
        value={currentProject.slug}
        onChange={(event) => onSelect(event.target.value)}
        className="h-8 w-full max-w-56 appearance-none truncate rounded-md border border-input bg-background py-1 pl-2.5 pr-8 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        {projects.map((project) => (
          <option key={project.slug} value={project.slug}>
            {project.name}
          </option>
        ))}
      </select>
      <ChevronsUpDown
        aria-hidden
        className="pointer-events-none absolute right-2 top-1/2 size-4 -translate-y-1/2 text-muted-foreground"
      />
    </div>
  );
}
