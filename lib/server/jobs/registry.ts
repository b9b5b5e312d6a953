import "server-only";

import type { z } from "zod";
import type { DangerousKey } from "@/lib/dangerous";
import type { ActionName } from "@/lib/roles";
import type { AuditTarget, ChangeRecorder } from "@/lib/server/action";
import type { StackClient } from "@/lib/stack/client";

/**
 * One kind of bulk job. `run` calls the SAME lib/server function as the single-item action, with
 * the job's recorder, so each item is audited like that action would audit it.
 */
export interface JobOperation<P = unknown, I = unknown> {
  /** e.g. "deleteUsers", "importUsers"; the job's own audit record uses it. */
  name: string;
  /** What the operator reads: "Delete users". */
  label: string;
  /** The single-item action whose role and audit name each item uses (e.g. "deleteUser"). */
  itemAction: ActionName;
  /** Set when the items are dangerous: the job is confirmed once (by its exact count) when it starts. */
  dangerous?: DangerousKey;
  /** Job-level parameters (reason, teamId, permissionId, …). */
  params: z.ZodType<P>;
  /** One item's input (e.g. { userId }); validated when the job starts. */
  item: z.ZodType<I>;
  /** The audit target of one item, before it runs (the operation may name it better while it runs). */
  target(item: I): AuditTarget;
  /** Returns { skipped: "<why>" } for an item deliberately not written (import: the user exists). */
  run(client: StackClient, item: I, params: P, rec: ChangeRecorder): Promise<void | { skipped: string }>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation has its own P and I
type AnyJobOperation = JobOperation<any, any>;

// One registry per process, shared by every route bundle (like lib/server/shutdown.ts's state).
const KEY = Symbol.for("stack-admin.job-operations");
const holder = globalThis as { [KEY]?: { operations: Map<string, AnyJobOperation>; listeners: (() => void)[] } };
const registry = (holder[KEY] ??= { operations: new Map<string, AnyJobOperation>(), listeners: [] as (() => void)[] });

export function registerJobOperation(op: AnyJobOperation): void {
  const known = registry.operations.has(op.name);
  registry.operations.set(op.name, op);
  if (!known) for (const fn of registry.listeners) fn();
}

export function getJobOperation(name: string): JobOperation | null {
  return registry.operations.get(name) ?? null;
}

/** The runner rescans for waiting jobs when an operation is registered. */
export function onJobOperationRegistered(fn: () => void): void {
  registry.listeners.push(fn);
}
