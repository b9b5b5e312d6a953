import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname, "server-only": `${import.meta.dirname}/lib/testing/empty-module.ts` } },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: [...configDefaults.exclude, "**/node_modules/**", ".next*/**", "e2e/**", "bench/**", ".e2e/**"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Emulator tests start real servers on random ports; files run in parallel forks.
    pool: "forks",
  },
});
