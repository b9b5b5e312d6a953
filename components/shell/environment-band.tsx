import type { ProjectEnvironment } from "@/lib/projects-dto";
import { cn } from "@/components/ui/cn";
import { ENVIRONMENT_STYLE } from "./environment";

/**
 * A coloured band naming the current project's environment, fixed above everything (dialogs and
 * their overlays included, which sit at z-50), so nobody edits production thinking it is staging.
 * Server component: no JavaScript.
 */
export function EnvironmentBand({ environment, projectName }: { environment: ProjectEnvironment | null; projectName: string }) {
  if (!environment) return null;
  const style = ENVIRONMENT_STYLE[environment];
  return (
    <>
      <div
        data-testid="environment-band"
        data-environment={environment}
        className={cn("fixed inset-x-0 top-0 z-[60] flex h-6 items-center justify-center text-xs font-semibold tracking-wide uppercase", style.band)}
      >
        {style.label} · {projectName}
      </div>
      {/* Keeps the page's own content from sliding under the fixed band. */}
      <div aria-hidden className="h-6" />
    </>
  );
}
