import "server-only";

import { cookies } from "next/headers";
import { getServerEnv } from "@/lib/env";
import {
  PRODUCTION_CONFIRMATION_COOKIE,
  PRODUCTION_CONFIRMATION_FIELD,
  PRODUCTION_CONFIRMATION_MISMATCH,
  PRODUCTION_CONFIRMATION_REQUIRED,
} from "@/lib/production-confirmation";
import type { ProjectSummary } from "@/lib/projects-dto";

/**
 * Takes the typed project name out of an action's input (the field) or, for the browser's runner,
 * its cookie; the rest of the input goes to the action's own schema, which never sees the field.
 */
export async function takeProductionConfirmation(input: unknown): Promise<{ input: unknown; typed: string | null }> {
  let typed: string | null = null;
  let rest = input;
  if (input && typeof input === "object" && !Array.isArray(input) && PRODUCTION_CONFIRMATION_FIELD in input) {
    const { [PRODUCTION_CONFIRMATION_FIELD]: field, ...others } = input as Record<string, unknown>;
    if (typeof field === "string") typed = field;
    rest = others;
  }
  if (typed === null) {
    const cookie = (await cookies()).get(PRODUCTION_CONFIRMATION_COOKIE)?.value;
    if (cookie) typed = safeDecode(cookie);
  }
  return { input: rest, typed };
}

/** Does this write need the project's typed name, and was it given? Null when it may go ahead. */
export function checkProductionConfirmation(project: ProjectSummary, dangerous: boolean, typed: string | null): { code: string; message: string } | null {
  if (project.environment !== "production") return null;
  if (getServerEnv().productionConfirm === "dangerous" && !dangerous) return null;
  if (typed === null || typed.trim() === "") {
    return { code: PRODUCTION_CONFIRMATION_REQUIRED, message: `${project.name} is a production project: type its name to confirm this change.` };
  }
  // Exact (case included): a production name is typed on purpose, not approximately.
  if (typed.trim() !== project.name.trim()) {
    return { code: PRODUCTION_CONFIRMATION_MISMATCH, message: `The confirmation does not match. Type the project name ${project.name} exactly.` };
  }
  return null;
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
