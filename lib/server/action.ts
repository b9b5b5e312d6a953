import "server-only";

import crypto from "node:crypto";
import { z } from "zod";
import { confirmationMatches, DANGEROUS, type DangerousKey } from "@/lib/dangerous";
import type { ActionResult } from "@/lib/action-result";
import type { ProjectSummary } from "@/lib/projects-dto";
import { auditAnonymousRefusal, recordIntent, recordResult, safeAudit, type AuditEntry } from "@/lib/server/audit";
import { describeFailure } from "@/lib/server/failure";

export { ActionRefusal } from "@/lib/server/failure";
import { getCurrentStack } from "@/lib/server/current-project";
import { logAction, type ActionLogNote } from "@/lib/server/log";
import { checkProductionConfirmation, takeProductionConfirmation } from "@/lib/server/production-guard";
import { requestContext } from "@/lib/request-context";
import { hasRole, minRoleOf, type ActionName, type Role } from "@/lib/roles";
import { getOperator, type OperatorSession } from "@/lib/server/session";
import type { StackClient } from "@/lib/stack/client";

/** Thrown by `ctx.confirm` when the typed confirmation does not match the fresh target. */
class ConfirmationMismatch extends Error {
  constructor(readonly hint?: string) {
    super("confirmation mismatch");
  }
}
export type AuditTarget = { type: string; id: string; label?: string | null };

export type ActionContext<I> = {
  input: I;
  operator: OperatorSession;
  /** Key-free: the admin key lives only inside `client` (lib/stack). */
  project: ProjectSummary;
  client: StackClient;
  requestId: string;
  /** Names the audit target and what changed (secrets are redacted on write). */
  audit: (target: AuditTarget, changes?: unknown) => void;
  /**
   * For dangerous actions: compares the operator's typed value with `expected` (derived from
   * the target as just read from Stack). On mismatch the action stops before any write. `hint`
   * names what to type when it is not the action's registry entry's (one save, several dangers).
   */
  confirm: (expected: string, hint?: string) => void;
};

/**
 * What a lib/server `<verb><Resource>` function needs to record its change: an action passes its
 * context; a bulk job or an import passes its own (one audit entry per item).
 */
export type ChangeRecorder = Pick<ActionContext<unknown>, "audit" | "confirm"> & { operator?: { email: string } };

export type ActionMeta = { name: string; minRole: Role; dangerous: DangerousKey | null };

type Definition<S extends z.ZodType, T> = {
  /** Its minimum role comes from ACTION_MIN_ROLE (lib/roles.ts). */
  name: ActionName;
  /** Dangerous actions must carry `confirmation: string` in their input and call ctx.confirm. */
  dangerous?: DangerousKey;
  input: S;
  /**
   * The audit target named from the input before the handler runs, so a failure still names it.
   * Default: the first id field the input carries (see `inputTarget`).
   */
  target?: (input: z.output<S>) => AuditTarget | null;
  handler: (ctx: ActionContext<z.output<S>>) => Promise<T>;
};

/** `productionConfirmation`: the project's typed name, for writes to a production-labelled project (lib/server/production-guard.ts). */
export type Action<S extends z.ZodType, T> = ((input: z.input<S> & { productionConfirmation?: string }) => Promise<ActionResult<T>>) & { meta: ActionMeta };

/** Can `role` run `action`? For hiding controls only: the wrapper re-checks on every call. */
export function canRun(role: Role, action: { meta: ActionMeta }): boolean {
  return hasRole(role, action.meta.minRole);
}

/** Every action ever defined, for tests that enumerate them. */
export const actionRegistry: ActionMeta[] = [];

/**
 * The one wrapper for every server action: session → role (fail closed) → zod →
 * handler with the project's Stack client → audit (a failed audit write fails the action).
 * Server actions are public POST endpoints: nothing here trusts the page that rendered them.
 */
export function defineAction<S extends z.ZodType, T>(def: Definition<S, T>): Action<S, T> {
  const minRole = minRoleOf(def.name);
  const meta: ActionMeta = { name: def.name, minRole, dangerous: def.dangerous ?? null };
  actionRegistry.push(meta);

  // One JSON log line per call (lib/server/log.ts): who, what, where, how it ended; never the input.
  const run = async (rawInput: z.input<S>): Promise<ActionResult<T>> => {
    const note: ActionLogNote = { requestId: requestContext()?.requestId ?? crypto.randomUUID(), started: performance.now() };
    const res = await runOnce(rawInput, note);
    logAction(def.name, note, res);
    return res;
  };

  const runOnce = async (rawInput: z.input<S>, note: ActionLogNote): Promise<ActionResult<T>> => {
    const requestId = note.requestId;
    const operator = await getOperator();
    note.operator = operator;
    if (!operator) {
      // A missing, forged or expired session: the refusal is recorded too (actor "anonymous").
      await auditAnonymousRefusal(def.name, requestId);
      return { ok: false, code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again." };
    }

    const actor = { email: operator.email, role: operator.role };
    if (!hasRole(operator.role, minRole)) {
      await safeAudit({ actor, action: def.name, status: "refused", errorCode: "FORBIDDEN", message: `needs role ${minRole}`, requestId });
      return { ok: false, code: "FORBIDDEN", message: `This needs the ${minRole} role; you are ${operator.role}.` };
    }

    const production = await takeProductionConfirmation(ownData(rawInput));
    const parsed = def.input.safeParse(production.input);
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error);
      const message = flat.formErrors[0] ?? "Some fields are invalid.";
      await safeAudit({ actor, action: def.name, status: "refused", errorCode: "INVALID_INPUT", message: Object.keys(flat.fieldErrors).join(", ") || message, requestId });
      return { ok: false, code: "INVALID_INPUT", message, fieldErrors: flat.fieldErrors as Record<string, string[]> };
    }

    const { project, client } = await getCurrentStack();
    note.project = project.slug;
    // A production-labelled project: the operator typed its name for this write (PRODUCTION_CONFIRM).
    const guard = checkProductionConfirmation(project, Boolean(def.dangerous), production.typed);
    if (guard) {
      await safeAudit({ actor, action: def.name, project: { slug: project.slug, projectId: project.projectId }, status: "refused", errorCode: guard.code, requestId });
      return { ok: false, ...guard };
    }
    let target: AuditTarget | null = (def.target ?? inputTarget)(parsed.data);
    let changes: unknown;
    const typed = (parsed.data as { confirmation?: unknown }).confirmation;
    const base = { actor, action: def.name, project: { slug: project.slug, projectId: project.projectId }, requestId };

    // Write-ahead: no upstream call happens unless its intent is on record.
    let intentId: number;
    try {
      intentId = await recordIntent({ ...base, target });
    } catch (err) {
      console.error(`[action ${def.name}] audit intent could not be written (request ${requestId}); nothing was sent to Stack`, err);
      return { ok: false, code: "AUDIT_FAILED", message: `Nothing was changed: the audit log could not be written (request ${requestId}).` };
    }
    const result = async (e: Omit<AuditEntry, keyof typeof base | "target">) => recordResult(intentId, { ...base, target, ...e });

    const ctx: ActionContext<z.output<S>> = {
      input: parsed.data,
      operator,
      project,
      client,
      requestId,
      audit: (t, c) => {
        target = t;
        changes = c;
      },
      confirm: (expected, hint) => {
        if (!def.dangerous) throw new Error(`${def.name} is not registered as dangerous`);
        if (typeof typed !== "string" || !confirmationMatches(typed, expected)) throw new ConfirmationMismatch(hint);
      },
    };

    let data: T;
    try {
      data = await def.handler(ctx);
    } catch (err) {
      if (err instanceof ConfirmationMismatch) {
        await result({ status: "refused", errorCode: "CONFIRMATION_MISMATCH" }).catch((e) => console.error(`[audit] ${def.name}`, e));
        const hint = err.hint ?? (def.dangerous ? DANGEROUS[def.dangerous].confirmHint : "the requested value");
        return { ok: false, code: "CONFIRMATION_MISMATCH", message: `The confirmation does not match. Type ${hint} exactly.` };
      }
      const { code, message } = describeFailure(err, requestId);
      await result({ status: "failure", errorCode: code, message }).catch((e) => console.error(`[audit] ${def.name}`, e));
      return { ok: false, code, message };
    }

    try {
      await result({ status: "success", changes });
    } catch (err) {
      console.error(`[action ${def.name}] audit result write failed (request ${requestId})`, err);
      return { ok: false, code: "AUDIT_FAILED", message: `The change was applied, but its result could not be written to the audit log (request ${requestId}).` };
    }
    return { ok: true, data };
  };

  return Object.assign(run, { meta });
}

// Input fields that name the action's target, most specific first.
const TARGET_FIELDS: [field: string, type: string][] = [
  ["sessionId", "session"],
  ["channelId", "contact_channel"],
  ["contactChannelId", "contact_channel"],
  ["apiKeyId", "api_key"],
  ["keyId", "api_key"],
  ["invitationId", "invitation"],
  ["permissionId", "permission"],
  ["providerId", "oauth_provider"],
  ["teamId", "team"],
  ["userId", "user"],
];

/** The default audit target: the first id field the validated input carries. */
export function inputTarget(input: unknown): AuditTarget | null {
  if (!input || typeof input !== "object") return null;
  const rec = input as Record<string, unknown>;
  for (const [field, type] of TARGET_FIELDS) {
    const v = rec[field];
    if (typeof v === "string" && v) return { type, id: v };
  }
  return null;
}

const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * The input rebuilt from own enumerable data only. zod reads fields through the prototype chain,
 * so an object whose prototype a decoded body set (or that carries `__proto__` / `constructor`
 * keys) could supply fields the client never sent as its own; anything that is not plain JSON
 * data becomes undefined, which the schema then refuses.
 */
function ownData(value: unknown, depth = 0): unknown {
  if (depth > 64) return undefined;
  if (Array.isArray(value)) return value.map((v) => ownData(v, depth + 1));
  if (value === null || typeof value !== "object") return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !PROTOTYPE_KEYS.has(k))
      .map(([k, v]) => [k, ownData(v, depth + 1)]),
  );
}
