import "server-only";

import type { ConfigPreview } from "@/lib/config-history-dto";
import { diffConfig, type ConfigChange } from "@/lib/config/diff";
import { comparable, exportDocument, fillFromLive, toConfigBody } from "@/lib/config/document";
import { copyPaths } from "@/lib/config/paths";
import type { ProjectSummary } from "@/lib/projects-dto";
import { configBodySchema, describeIssues, type ConfigBody, type ConfigDocument, type ConfigSource } from "@/lib/schemas/config";
import { ActionRefusal, type ChangeRecorder } from "@/lib/server/action";
import { getConfigVersion, noteConfigRead } from "@/lib/server/config-history";
import { readSignInImpact } from "@/lib/server/config-impact";
import { planConfigChange, readLiveConfig, writeProjectConfig, type LiveConfig } from "@/lib/server/settings";
import type { SettingsDTO } from "@/lib/settings-dto";
import type { StackClient } from "@/lib/stack/client";
import { getStackClient } from "@/lib/stack/get-client";
import { getProject, listProjects } from "@/lib/stack/projects";

// Config as code: export, import, compare with another project, restore from history. Every
// change is previewed (a diff, its dangerous parts, a hash of it) and applied through the one
// config write (writeProjectConfig), which refuses it unless the diff recomputed from the live
// config at apply time is the one the operator saw.

/** The settings of `project` as a page shows them, noted in the history ("changed elsewhere"). */
export async function readConfigForPage(client: StackClient, project: ProjectSummary): Promise<SettingsDTO> {
  const { settings } = await readLiveConfig(client, project);
  await noteConfigRead(project, settings);
  return settings;
}

export async function exportConfig(client: StackClient, project: ProjectSummary): Promise<ConfigDocument> {
  return exportDocument(await readConfigForPage(client, project), project, new Date());
}

/** The configured projects other than `project`, for "compare with". */
export function otherProjects(project: ProjectSummary): ProjectSummary[] {
  return listProjects().filter((p) => p.slug !== project.slug);
}

function otherProject(project: ProjectSummary, slug: string): ProjectSummary {
  const other = getProject(slug);
  if (!other || other.slug === project.slug) throw new ActionRefusal("UNKNOWN_PROJECT", "Pick another configured project.");
  return other;
}

/** The diff from `project`'s live config to `other`'s: the rows "copy from" offers. */
export async function compareProjects(client: StackClient, project: ProjectSummary, otherSlug: string): Promise<{ other: ProjectSummary; changes: ConfigChange[] }> {
  const other = otherProject(project, otherSlug);
  const [live, theirs] = await Promise.all([readConfigForPage(client, project), readConfigForPage(getStackClient(other.slug), other)]);
  return { other, changes: diffConfig(comparable(toConfigBody(live)), comparable(fillFromLive(toConfigBody(theirs), toConfigBody(live)))) };
}

/** What the history calls a change from `source`. */
const historySource = (source: ConfigSource) => (source.kind === "copy" ? `copy from ${source.from}` : source.kind);

/** The configuration `source` leads to from `live`, checked like a file: the same rules, the same messages. */
async function resolveTarget(source: ConfigSource, live: LiveConfig, project: ProjectSummary): Promise<{ target: ConfigBody; label: string }> {
  let target: ConfigBody;
  let label = "Imported file";
  if (source.kind === "import") target = fillFromLive(source.document.config, live.body);
  else if (source.kind === "copy") {
    const other = otherProject(project, source.from);
    const theirs = fillFromLive((await readLiveConfig(getStackClient(other.slug), other)).body, live.body);
    const { result, unknown } = copyPaths(live.body, theirs, source.paths);
    if (unknown.length > 0) throw new ActionRefusal("INVALID_INPUT", `These fields are in neither project: ${unknown.slice(0, 5).join(", ")}`);
    target = result;
    label = `Copied from ${other.name}`;
  } else {
    const version = await getConfigVersion(project, source.versionId);
    const stored = version ? (source.side === "before" ? version.before : version.after) : null;
    if (!version || !stored) throw new ActionRefusal("NOT_FOUND", "That version is not in this project's history.");
    target = fillFromLive(toConfigBody(stored), live.body);
    label = `Restored version of ${new Date(version.at).toISOString()}`;
  }
  const valid = configBodySchema.safeParse(target);
  if (!valid.success) throw new ActionRefusal("INVALID_CONFIG", `The resulting configuration is invalid: ${describeIssues(valid.error).slice(0, 5).join("; ")}`);
  return { target, label };
}

/** The dry run: what applying `source` would change now. Writes nothing to Stack. */
export async function previewConfigChange(client: StackClient, project: ProjectSummary, source: ConfigSource): Promise<ConfigPreview> {
  const live = await readLiveConfig(client, project);
  await noteConfigRead(project, live.settings);
  const { target, label } = await resolveTarget(source, live, project);
  const plan = planConfigChange(project, live, target, true);
  return {
    sourceLabel: label,
    changes: plan.changes,
    dangerous: plan.dangerous,
    impact: await readSignInImpact(client, live.body, target, plan.dangerous),
    hash: plan.hash,
    confirmValue: plan.rule?.expected ?? live.raw.display_name,
    target: { label: live.raw.display_name, id: live.raw.id },
  };
}

export type AppliedConfig = { fields: string[] };

/**
 * Applies `source` through the one config write, if the diff against the live config is still
 * the previewed one (`previewHash`) and the operator typed its confirmation.
 */
export async function applyConfigChange(client: StackClient, project: ProjectSummary, input: { source: ConfigSource; previewHash: string }, recorder: ChangeRecorder): Promise<AppliedConfig> {
  const w = await writeProjectConfig(
    client,
    project,
    { source: historySource(input.source), target: async (live) => (await resolveTarget(input.source, live, project)).target, confirmAlways: true, previewHash: input.previewHash },
    recorder,
  );
  return { fields: w.changes.map((c) => c.path) };
}
