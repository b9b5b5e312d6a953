// Types for scripts/lib.mjs (plain JS so it runs before `npm ci`), for TypeScript callers (bench/).
import type { ChildProcess } from "node:child_process";

export const root: string;
export function bin(name: string): string;
export function run(cmd: string, args: string[], opts?: Record<string, unknown>): number;
export function ensureDependencies(): void;
/** `next build` when there is no build or a source file is newer than it. */
export function ensureBuild(env?: Record<string, string>): void;
export function persistentSecret(file: string): string;
export function startProcess(name: string, cmd: string, args: string[], env: Record<string, string>): ChildProcess;
export function waitForHttp(url: string, timeoutMs?: number): Promise<void>;
export const EMULATOR_DEFAULTS: { port: string; projectId: string; superSecretAdminKey: string };
