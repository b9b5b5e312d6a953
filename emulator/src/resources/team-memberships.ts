import type { EmulatorModule } from "../router";

// TODO(owner): CONTRACT.md routes for team-memberships.
export const teamMembershipsModule: EmulatorModule = {
  name: "team-memberships",
  routes: [],
};
