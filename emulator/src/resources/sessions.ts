import type { EmulatorModule } from "../router";

// TODO(owner): CONTRACT.md routes for sessions.
export const sessionsModule: EmulatorModule = {
  name: "sessions",
  routes: [],
};
