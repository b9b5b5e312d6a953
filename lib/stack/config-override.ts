import "server-only";

import { z } from "zod";

import { stackPath, type StackClient } from "@/lib/stack/client";

/**
 * [NEW] The layered configuration (`/internal/config…`). Bodies and answers carry JSON as a
 * string (`config_string`, `config_override_string`); values are addressed by dotted keys.
 * Levels from lowest to highest precedence: project, branch, environment.
 */
export type ConfigLevel = "project" | "branch" | "environment";

const configStringSchema = z.looseObject({ config_string: z.string() });

function parseConfig(text: string): Record<string, unknown> {
  const v: unknown = JSON.parse(text);
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** `GET /internal/config`: the fully rendered configuration (nested objects). */
export async function getRenderedConfig(client: StackClient): Promise<Record<string, unknown>> {
  return parseConfig((await client.request({ path: "/internal/config", schema: configStringSchema })).config_string);
}

/** `GET /internal/config/override/{level}`: that level's own override (dotted keys or nested). */
export async function getConfigOverride(client: StackClient, level: ConfigLevel): Promise<Record<string, unknown>> {
  const res = await client.request({ path: stackPath`/internal/config/override/${level}`, endpoint: "GET /internal/config/override/{level}", schema: configStringSchema });
  return parseConfig(res.config_string);
}

/** `PATCH /internal/config/override/{level}`: merges the given keys into the level's override (what the SDK's `updateConfig` does at the environment level). */
export async function patchConfigOverride(client: StackClient, level: ConfigLevel, override: Record<string, unknown>): Promise<void> {
  await client.request({
    method: "PATCH",
    path: stackPath`/internal/config/override/${level}`,
    endpoint: "PATCH /internal/config/override/{level}",
    body: { config_override_string: JSON.stringify(override) },
    schema: z.unknown(),
  });
}

/** A value of a rendered (nested) config by dotted key; undefined when absent. */
export function configValue(config: Record<string, unknown>, key: string): unknown {
  let v: unknown = config;
  for (const part of key.split(".")) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}
