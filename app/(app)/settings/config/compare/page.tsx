import type { Metadata } from "next";
import Link from "next/link";
import { ComparePanel } from "@/components/config/compare-panel";
import { ConfigHeader } from "@/components/config/config-tabs";
import { ErrorBanner } from "@/components/ui/alert";
import { applyConfigChangeAction } from "@/lib/actions/config";
import type { ConfigChange } from "@/lib/config/diff";
import { canRun } from "@/lib/server/action";
import { compareProjects, otherProjects } from "@/lib/server/config";
import { getCurrentStack } from "@/lib/server/current-project";
import { describeFailure } from "@/lib/server/failure";
import { requireOperator } from "@/lib/server/session";

export const metadata: Metadata = { title: "Compare projects" };

export default async function ComparePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const operator = await requireOperator();
  const { project, client } = await getCurrentStack();
  const others = otherProjects(project);
  const wanted = (await searchParams).with;
  const other = others.find((p) => p.slug === wanted) ?? null;

  let result: { changes: ConfigChange[] } | null = null;
  let failure: { code: string; message: string } | null = null;
  if (other) {
    try {
      result = await compareProjects(client, project, other.slug);
    } catch (err) {
      failure = describeFailure(err);
    }
  }

  return (
    <div className="space-y-4">
      <ConfigHeader current="/settings/config/compare" projectName={project.name}>
        Compare it with another configured project and copy chosen fields here (e.g. staging → production).
      </ConfigHeader>
      {others.length === 0 ? (
        <p className="text-sm text-muted-foreground">Only one project is configured: list several in STACK_PROJECTS_FILE to compare them.</p>
      ) : (
        <nav aria-label="Compare with" className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-muted-foreground">Compare {project.name} with:</span>
          {others.map((p) => (
            <Link
              key={p.slug}
              href={`/settings/config/compare?with=${encodeURIComponent(p.slug)}`}
              prefetch={false}
              aria-current={p.slug === other?.slug ? "page" : undefined}
              className="rounded-md border px-2 py-1 hover:bg-muted aria-[current=page]:border-primary aria-[current=page]:font-medium"
            >
              {p.name}
            </Link>
          ))}
        </nav>
      )}
      {other && result ? (
        <section aria-labelledby="compare-title" className="space-y-2">
          <h2 id="compare-title" className="font-semibold">
            {project.name} → {other.name}: {result.changes.length} difference{result.changes.length === 1 ? "" : "s"}
          </h2>
          <p className="text-sm text-muted-foreground">Before is {project.name} (this project), after is {other.name}. Tick the fields to copy from {other.name} into {project.name}.</p>
          <ComparePanel key={other.slug} from={other.slug} fromName={other.name} changes={result.changes} canApply={canRun(operator.role, applyConfigChangeAction)} />
        </section>
      ) : null}
      {failure ? <ErrorBanner title={`Could not read ${other?.name ?? "the project"}`} message={failure.message} code={failure.code} /> : null}
    </div>
  );
}
