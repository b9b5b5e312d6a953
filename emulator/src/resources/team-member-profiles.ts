import type { EmulatorModule } from "../router";

// TODO(owner): CONTRACT.md routes for team-member-profiles.
export const teamMemberProfilesModule: EmulatorModule = {
  name: "team-member-profiles",
  routes: [],
};
