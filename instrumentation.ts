// Validates the server environment once at start-up, so a misconfigured deployment fails with one
// clear message naming every bad variable instead of on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // V8's allocation-site pretenuring sees a streamed export's rows outlive a young collection
  // (they wait for the socket) and starts allocating them in the old generation, where only a
  // full collection frees them: a 1,000,000-user export grew the server by about 180 MB of
  // garbage, 28 MB without it (bench:export). Everything this server allocates is per request,
  // which is the case pretenuring is not for. Set before the first request; V8 reads it at each
  // collection (https://v8.dev/blog/orinoco-parallel-scavenger explains the two generations).
  (await import("node:v8")).setFlagsFromString("--no-allocation-site-pretenuring");
  const { getServerEnv } = await import("@/lib/env");
  try {
    getServerEnv();
  } catch (err) {
    console.error(`\n${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  // The sign-in limits need the TCP peer's address, which Next no longer exposes to routes.
  (await import("@/lib/server/client-address")).installSocketAddressHook();
  // Request ids and one log line per request; SIGTERM lets requests finish and closes the database.
  (await import("@/lib/server/shutdown")).installProcessHooks();
}
