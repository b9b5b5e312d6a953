// The blank Next.js app the benches compare the console with: same Next and React, built the same
// way (`next build`, `next start`). bench:js-weight loads its page; bench:proxy calls its route handler.
import fs from "node:fs";
import path from "node:path";
import { log, NEXT_BIN, ROOT, runOrThrow } from "./servers";

export const BLANK = path.join(ROOT, "bench", ".blank-next");

const BLANK_FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "blank-next", private: true, type: "module" }, null, 2),
  "next.config.mjs": [
    'import path from "node:path";',
    "// Turbopack only resolves inside its root; node_modules is a symlink to the dashboard's.",
    'const root = path.resolve(import.meta.dirname, "..", "..");',
    "export default { turbopack: { root }, outputFileTracingRoot: root };",
    "",
  ].join("\n"),
  "tsconfig.json": JSON.stringify(
    {
      compilerOptions: {
        target: "ES2022",
        lib: ["dom", "dom.iterable", "esnext"],
        allowJs: false,
        skipLibCheck: true,
        strict: true,
        noEmit: true,
        esModuleInterop: true,
        module: "esnext",
        moduleResolution: "bundler",
        resolveJsonModule: true,
        isolatedModules: true,
        jsx: "react-jsx",
        incremental: true,
        plugins: [{ name: "next" }],
      },
      include: ["next-env.d.ts", "**/*.ts", "**/*.tsx", ".next/types/**/*.ts", ".next/dev/types/**/*.ts"],
      exclude: ["node_modules"],
    },
    null,
    2,
  ),
  "app/layout.tsx": [
    'import type { ReactNode } from "react";',
    "",
    "export default function RootLayout({ children }: { children: ReactNode }) {",
    "  return (",
    '    <html lang="en">',
    "      <body>{children}</body>",
    "    </html>",
    "  );",
    "}",
    "",
  ].join("\n"),
  "app/page.tsx": ["export default function Page() {", "  return <h1>Blank</h1>;", "}", ""].join("\n"),
  // bench:proxy's floor: the least a route handler of this Next.js costs (no proxy, no session).
  "app/api/ping/route.ts": ['export const dynamic = "force-dynamic";', "", "export function GET() {", '  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });', "}", ""].join("\n"),
  // Turbopack's root is the dashboard (for node_modules), and it looks for the instrumentation
  // and proxy files up from the app to that root: without files of its own the blank build picks
  // up the dashboard's instrumentation.ts (failing on its `@/` imports) and bench/proxy.ts (the
  // proxy bench, not a proxy). Both are server-only: they add no browser JavaScript.
  "instrumentation.ts": ["export function register() {}", ""].join("\n"),
  "proxy.ts": ["export function proxy() {}", "", 'export const config = { matcher: ["/__blank-no-proxy"] };', ""].join("\n"),
};

/** bench/.blank-next: generated (gitignored), rebuilt when its files or the Next version change. */
export function ensureBlankBuild() {
  const nextVersion = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", "next", "package.json"), "utf8")).version as string;
  const stampFile = path.join(BLANK, ".bench-stamp");
  const stamp = JSON.stringify({ nextVersion, files: BLANK_FILES });
  const buildId = path.join(BLANK, ".next", "BUILD_ID");
  if (fs.existsSync(buildId) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) return;

  log(`building the blank Next ${nextVersion} app in ${path.relative(ROOT, BLANK)}…`);
  fs.rmSync(BLANK, { recursive: true, force: true });
  for (const [file, text] of Object.entries(BLANK_FILES)) {
    fs.mkdirSync(path.dirname(path.join(BLANK, file)), { recursive: true });
    fs.writeFileSync(path.join(BLANK, file), text);
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(BLANK, "node_modules"), "dir");
  runOrThrow(NEXT_BIN, ["build"], BLANK);
  fs.writeFileSync(stampFile, stamp);
}
