import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// ── Layers (ARCHITECTURE.md) ─────────────────────────────────────────────────────────────────
// app → components → lib/actions → lib/server → lib/stack, each importing only what is to its
// right (plus the isomorphic modules: lib/schemas, lib/*-dto.ts, lib/roles.ts …). Type imports
// count: `@typescript-eslint/no-restricted-imports` flags them unless allowTypeImports is set.
// Across layers, imports use the `@/` alias, so a relative path cannot slip past a rule.

const to = (dir) => `^@/${dir}(/|$)`;
const TARGETS = {
  app: { regex: to("app"), message: "Nothing imports app/: routes are the top layer." },
  components: { regex: to("components"), message: "Only app/ (and components/) import components/." },
  actions: { regex: to("lib/actions"), message: "Only app/ and components/ import server actions (lib/actions/)." },
  server: { regex: to("lib/server"), message: "lib/server/ is server-only: components and isomorphic modules get DTOs and types from lib/*-dto.ts, lib/schemas/, lib/roles.ts." },
  stack: { regex: to("lib/stack"), message: "Only lib/server/ talks to lib/stack/ (the Stack client and the admin keys): call a lib/server function." },
  query: { regex: to("lib/query"), message: "lib/query/ is browser-side data fetching; server code does not import it." },
  forms: { regex: to("lib/forms"), message: "lib/forms/ is browser-side form code; server code does not import it." },
  emulator: { regex: "^(@/|\\.{1,2}/(\\.\\./)*)emulator(/|$)", message: "The console and emulator/ never import each other: start the emulator as a process (lib/testing/emulator.ts) and talk HTTP." },
  // Value imports only: types are erased. Dynamic import() is how a form loads its schema on first use.
  zodValues: {
    regex: "^(zod|@/lib/schemas/.+)$",
    message: "Modules on a page's first load stay zod-free (about 31 KB gzipped): import types only, load a schema with import() when it is needed, or move constants to a zod-free module (lib/config/format.ts, lib/settings-dto.ts).",
    allowTypeImports: true,
  },
  crossRelative: {
    regex: "^\\.{1,2}/(\\.\\./)*(app|components|lib|emulator|e2e|scripts|bench|actions|server|stack|query|forms)(/|$)",
    message: "Import across directories with the @/ alias, so the layer rules can see it.",
  },
};

const restrict = (...names) => ({
  "@typescript-eslint/no-restricted-imports": [
    "error",
    { patterns: names.map((n) => ({ regex: TARGETS[n].regex, message: TARGETS[n].message, ...(TARGETS[n].allowTypeImports ? { allowTypeImports: true } : {}) })) },
  ],
});

const TESTS = ["**/*.test.ts", "**/*.test.tsx", "lib/testing/**"];
const layer = (files, ...names) => ({ files, ignores: TESTS, rules: restrict(...names) });

const layers = [
  layer(["app/**", "proxy.ts", "instrumentation.ts"], "stack", "emulator", "crossRelative"),
  layer(["components/**"], "app", "server", "stack", "emulator", "crossRelative"),
  layer(["components/settings/**", "components/config/**"], "app", "server", "stack", "emulator", "crossRelative", "zodValues"),
  // Isomorphic modules (and lib/env.ts, the configuration everything reads): no layer at all.
  layer(["lib/*.ts", "lib/schemas/**", "lib/query/**", "lib/forms/**"], "app", "components", "actions", "server", "stack", "emulator", "crossRelative"),
  // The config logic the settings forms run in the browser (predict, diff, classify): also zod-free.
  layer(["lib/config/**"], "app", "components", "actions", "server", "stack", "emulator", "crossRelative", "zodValues"),
  layer(["lib/actions/**"], "app", "components", "stack", "query", "forms", "emulator", "crossRelative"),
  layer(["lib/server/**"], "app", "components", "actions", "query", "forms", "emulator", "crossRelative"),
  layer(["lib/stack/**"], "app", "components", "actions", "server", "query", "forms", "emulator", "crossRelative"),
  // Tooling and tests may reach any console layer, never the emulator's code.
  { files: ["scripts/**", "e2e/**", "bench/js-weight.ts", "*.ts", "*.mjs", ...TESTS], ignores: ["emulator/**", "proxy.ts", "instrumentation.ts"], rules: restrict("emulator") },
  {
    // The emulator (and its benchmark) import nothing of the console.
    files: ["emulator/**", "bench/emulator.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^@/(?!emulator/)", message: "emulator/ never imports the console: it is a standalone Stack API." },
            { regex: "^\\.{1,2}/(\\.\\./)*(app|components|lib|e2e|scripts)/", message: "emulator/ never imports the console: it is a standalone Stack API." },
          ],
        },
      ],
    },
  },
  {
    // The admin key and its header exist only in lib/stack (the sealed key).
    files: ["app/**", "components/**", "lib/**", "proxy.ts"],
    ignores: ["lib/stack/**", ...TESTS],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "Identifier[name='adminKey']", message: "Only lib/stack handles admin keys: use a ProjectSummary and a StackClient." },
        { selector: "Literal[value=/^x-stack-super-secret-admin-key$/i]", message: "Only lib/stack/client.ts sends the admin key header." },
      ],
    },
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // A leading underscore marks an intentionally unused binding (handler signatures, stubs).
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  ...layers,
  {
    // Tests read untyped JSON bodies of raw HTTP answers; `any` keeps those assertions readable.
    files: ["**/*.test.ts", "emulator/test/**", "e2e/**", "bench/**", "lib/testing/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Playwright fixtures call `use(...)`, which is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([
    "data/**",
    ".e2e/**",
    ".ci/out/**",
    ".next/**",
    ".next-*/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "node_modules/**",
    "bench/.blank-next/**",
    "test-results/**",
    "playwright-report/**",
    "blob-report/**",
    "emulator/data/**",
  ]),
]);
