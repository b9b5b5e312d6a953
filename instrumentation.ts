// Validates the server environment once at start-up, so a misconfigured deployment fails with one
// clear message naming every bad variable instead of on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
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
