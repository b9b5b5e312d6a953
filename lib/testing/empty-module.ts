// Stand-in for the `server-only` package under vitest (aliased in vitest.config.ts).
// The real package throws outside the react-server condition, which node tests never use.
export {};
