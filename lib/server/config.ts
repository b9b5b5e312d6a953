import "server-only";

import crypto from "node:crypto";
import type { ConfigPreview } from "@/lib/config-history-dto";
import { classifyConfigChange } from "@/lib/config/danger";
import { canonical, diffConfig, type ConfigChange } from "@/lib/config/diff";
import { comparable, exportDocument, fillFromLive, toConfigBody } from "@/lib/config/document";
import { copyPaths } from "@/lib/config/paths";
import type { ProjectSummary } from "@/lib/projects-dto";
import { configBodySchema, describeIssues, type ConfigBody, type ConfigDocument, type ConfigSource } from "@/lib/schemas/config";
import { ActionRefusal, type ChangeRecorder } from "@/lib/server/action";
import { getConfigVersion, noteConfigRead, recordConfigChange } from "@/lib/server/config-history";
import { planWrite } from "@/lib/server/config-write";
import { toSettingsDTO } from "@/lib/server/settings";
import type { SettingsDTO } from "@/lib/settings-dto";
import type { StackClient } from "@/lib/stack/client";
import { getStackClient } from "@/lib/stack/get-client";
import { getAdminProject, updateAdminProject } from "@/lib/stack/project";
import { getProject, listProjects } from "@/lib/stack/projects";
import type { StackAdminProject } from "@/lib/stack/schemas";

// Config as code: export, import, compare with another project, restore from history. Every
// change is previewed (a diff, its dangerous parts, a hash of it) and applied only if the diff
// recomputed from the live config at apply time is the one the operator saw.

/** The phrase `leaveNoSignInMethod` asks for (lib/dangerous.ts). */
const NO_SIGN_IN_PHRASE = "no one can sign in";

type Live = { raw: StackAdminProject; settings: SettingsDTO; body: ConfigBody };

async function readLive(client: StackClient, project: ProjectSummary): Promise<Live> {
  const raw = await getAdminProject(client);
  const settings = toSettingsDTO(raw, project.environment);
  return { raw, settings, body: toConfigBody(settings) };
}

/** The settings of `project` as a page shows them, noted in the history ("changed elsewhere"). */
export async function readConfigForPage(client: StackClient, project: ProjectSummary): Promise<SettingsDTO> {
  const { settings } = await readLive(client, project);
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

/** The diff from `project`'s live config to `other`'s: the rows "copy from" offers. */
export async function compareProjects(client: StackClient, project: ProjectSummary, otherSlug: string): Promise<{ other: ProjectSummary; changes: ConfigChange[] }> {
  const other = getProject(otherSlug);
  if (!other || other.slug === project.slug) throw new ActionRefusal("UNKNOWN_PROJECT", "Pick another configured project.");
  const [live, theirs] = await Promise.all([readConfigForPage(client, project), readConfigForPage(getStackClient(other.slug), other)]);
  return { other, changes: diffConfig(comparable(toConfigBody(live)), comparable(fillFromLive(toConfigBody(theirs), toConfigBody(live)))) };
}

async function resolveTarget(source: ConfigSource, live: Live, project: ProjectSummary): Promise<{ target: ConfigBody; label: string }> {
  if (source.kind === "import") {
    return { target: fillFromLive(source.document.config, live.body), label: "Imported file" };
  }
  if (source.kind === "copy") {
    const other = getProject(source.from);
    if (!other || other.slug === project.slug) throw new ActionRefusal("UNKNOWN_PROJECT", "Pick another configured project.");
    const theirs = fillFromLive(toConfigBody(toSettingsDTO(await getAdminProject(getStackClient(other.slug)), other.environment)), live.body);
    const { result, unknown } = copyPaths(live.body, theirs, source.paths);
    if (unknown.length > 0) throw new ActionRefusal("INVALID_INPUT", `These fields are in neither project: ${unknown.slice(0, 5).join(", ")}`);
    return { target: result, label: `Copied from ${other.name}` };
  }
  const version = await getConfigVersion(project, source.versionId);
  const stored = version ? (source.side === "before" ? version.before : version.after) : null;
  if (!version || !stored) throw new ActionRefusal("NOT_FOUND", "That version is not in this project's history.");
  return { target: fillFromLive(toConfigBody(stored), live.body), label: `Restored version of ${new Date(version.at).toISOString()}` };
}

type Plan = { live: Live; target: ConfigBody; preview: ConfigPreview };

async function plan(client: StackClient, project: ProjectSummary, source: ConfigSource): Promise<Plan> {
  const live = await readLive(client, project);
  await noteConfigRead(project, live.settings);
  const { target, label } = await resolveTarget(source, live, project);
  // A copied or restored config is checked like a file: the same rules, the same messages.
  const valid = configBodySchema.safeParse(target);
  if (!valid.success) throw new ActionRefusal("INVALID_CONFIG", `The resulting configuration is invalid: ${describeIssues(valid.error).slice(0, 5).join("; ")}`);
  const changes = diffConfig(comparable(live.body), comparable(target));
  const dangerous = classifyConfigChange(live.body, target);
  const hash = crypto.createHash("sha256").update(JSON.stringify(canonical({ project: project.slug, projectId: project.projectId, changes }))).digest("hex");
  const confirmValue = dangerous.some((d) => d.key === "leaveNoSignInMethod") ? NO_SIGN_IN_PHRASE : live.raw.display_name;
  return { live, target, preview: { sourceLabel: label, changes, dangerous, hash, confirmValue, target: { label: live.raw.display_name, id: live.raw.id } } };
}

/** The dry run: what applying `source` would change now. Writes nothing to Stack. */
export async function previewConfigChange(client: StackClient, project: ProjectSummary, source: ConfigSource): Promise<ConfigPreview> {
  return (await plan(client, project, source)).preview;
}

export type AppliedConfig = { fields: string[] };

/**
 * Applies `source` in one `PATCH`, if the diff against the live config is still the previewed
 * one (`previewHash`) and the operator typed the confirmation for it (the display name, or the
 * no-sign-in phrase when no way to sign in would remain). Records the version in the history.
 */
export async function applyConfigChange(
  client: StackClient,
  project: ProjectSummary,
  operator: string,
  input: { source: ConfigSource; previewHash: string },
  recorder: ChangeRecorder,
): Promise<AppliedConfig> {
  const { live, target, preview } = await plan(client, project, input.source);
  recorder.audit(
    { type: "project", id: live.raw.id, label: live.raw.display_name },
    { source: preview.sourceLabel, fields: preview.changes.map((c) => c.path), dangerous: preview.dangerous.map((d) => d.key) },
  );
  if (preview.hash !== input.previewHash) {
    throw new ActionRefusal("PREVIEW_OUTDATED", "The live configuration changed since the preview: nothing was applied. Review the new diff and apply again.");
  }
  recorder.confirm(preview.confirmValue);
  if (preview.changes.length === 0) return { fields: [] };
  const { body, missingSecrets, unsupported } = planWrite(live.raw, live.body, target);
  if (unsupported.length > 0) throw new ActionRefusal("UNSUPPORTED_FIELD", `This Stack server's release has no ${unsupported.join(", ")}: leave ${unsupported.length > 1 ? "them" : "it"} null.`);
  if (missingSecrets.length > 0) throw new ActionRefusal("SECRET_REQUIRED", `No write-only value to keep for ${missingSecrets.join(", ")}: put it in the file (it is never exported).`);
  const after = await updateAdminProject(client, body);
  await recordConfigChange(project, operator, live.settings, toSettingsDTO(after, project.environment), input.source.kind === "copy" ? `copy from ${input.source.from}` : input.source.kind);
  return { fields: preview.changes.map((c) => c.path) };
}
