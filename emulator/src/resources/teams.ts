import type { EmulatorModule } from "../router";

// TODO(owner): CONTRACT.md routes for teams.
export const teamsModule: EmulatorModule = {
  name: "teams",
  routes: [],
};
