import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The layer rules of eslint.config.mjs, run through ESLint's Node API on in-memory snippets:
// each forbidden import must fail lint with the layer rule, and each allowed one must pass.
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: import.meta.dirname });
});

async function ruleHits(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports" || m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

const forbidden: [string, string, RegExp][] = [
  ["lib/config/probe.ts", 'import { OMITTED_SECRET } from "@/lib/schemas/config";\nexport const x = OMITTED_SECRET;\n', /zod-free/],
  ["components/settings/probe.tsx", 'import { z } from "zod";\nexport const x = z.string();\n', /zod-free/],
  ["lib/config/probe.ts", 'import { getSettings } from "@/lib/server/settings";\nexport const x = getSettings;\n', /server-only/],
  ["components/users/probe.tsx", 'import { listUserPage } from "@/lib/server/users";\nexport const x = listUserPage;\n', /lib\/server\/ is server-only/],
  ["components/users/probe.tsx", 'import type { UserDetailData } from "@/lib/server/users";\nexport type X = UserDetailData;\n', /lib\/server\/ is server-only/],
  ["components/users/probe.tsx", 'export type { StackClient } from "@/lib/stack/client";\n', /Only lib\/server\/ talks to lib\/stack/],
  ["components/users/probe.tsx", 'import { getUser } from "../../lib/stack/users";\nexport const x = getUser;\n', /@\/ alias/],
  ["app/(app)/probe/page.tsx", 'import { getMetrics } from "@/lib/stack/metrics";\nexport const x = getMetrics;\n', /Only lib\/server\/ talks to lib\/stack/],
  ["proxy.ts", 'import { getUser } from "@/lib/stack/users";\nexport const x = getUser;\n', /Only lib\/server\/ talks to lib\/stack/],
  ["lib/actions/probe.ts", 'import { getUser } from "@/lib/stack/users";\nexport const x = getUser;\n', /Only lib\/server\/ talks to lib\/stack/],
  ["lib/stack/probe.ts", 'import { getOperator } from "@/lib/server/session";\nexport const x = getOperator;\n', /server-only/],
  ["lib/server/probe.ts", 'import * as a from "@/lib/actions/users";\nexport const x = a;\n', /Only app\/ and components\/ import server actions/],
  ["lib/schemas/probe.ts", 'import type { StackUser } from "@/lib/stack/schemas";\nexport type X = StackUser;\n', /Only lib\/server\/ talks to lib\/stack/],
  ["lib/query/probe.ts", 'import { UsersTable } from "@/components/users/users-table";\nexport const x = UsersTable;\n', /Only app\/ \(and components\/\) import components/],
  ["lib/server/probe.test.ts", 'import { startEmulator } from "@/emulator/src/server";\nexport const x = startEmulator;\n', /never import each other/],
  ["e2e/probe.spec.ts", 'import { createEmulator } from "../emulator/src/app";\nexport const x = createEmulator;\n', /never import each other/],
  ["emulator/src/probe.ts", 'import { getServerEnv } from "../../lib/env";\nexport const x = getServerEnv;\n', /emulator\/ never imports the console/],
  ["emulator/test/probe.test.ts", 'import { createStackClient } from "@/lib/stack/client";\nexport const x = createStackClient;\n', /emulator\/ never imports the console/],
  ["lib/server/probe.ts", "export const headers = (k: string) => ({ 'x-stack-super-secret-admin-key': k });\n", /Only lib\/stack\/client.ts sends/],
  ["app/(app)/probe/page.tsx", "export const key = (p: { adminKey: string }) => p.adminKey;\n", /Only lib\/stack handles admin keys/],
];

const allowed: [string, string][] = [
  ["lib/config/probe.ts", 'import type { ConfigBody } from "@/lib/schemas/config";\nexport type X = ConfigBody;\nexport const load = () => import("@/lib/schemas/config");\n'],
  ["components/users/probe.tsx", 'import { deleteUserAction } from "@/lib/actions/users";\nimport type { UserRow } from "@/lib/users-dto";\nexport const x: [typeof deleteUserAction, UserRow | null] = [deleteUserAction, null];\n'],
  ["app/(app)/probe/page.tsx", 'import { getCurrentStack } from "@/lib/server/current-project";\nexport const x = getCurrentStack;\n'],
  ["lib/server/probe.ts", 'import { getUser } from "@/lib/stack/users";\nexport const x = getUser;\n'],
  ["lib/server/probe.test.ts", 'import { startEmulatorProcess } from "@/lib/testing/emulator";\nexport const x = startEmulatorProcess;\n'],
  ["emulator/src/probe.ts", 'import { readEmulatorConfig } from "./config";\nexport const x = readEmulatorConfig;\n'],
];

describe("layer rules (eslint.config.mjs)", () => {
  it.each(forbidden)("%s: fails lint for a forbidden import", async (filePath, code, message) => {
    const hits = await ruleHits(filePath, code);
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit).toMatch(message);
  });

  it.each(allowed)("%s: passes an allowed import", async (filePath, code) => {
    expect(await ruleHits(filePath, code)).toEqual([]);
  });
});
