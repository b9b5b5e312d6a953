import type { EmulatorModule } from "../router";

// TODO(owner): CONTRACT.md routes for team-invitations.
export const teamInvitationsModule: EmulatorModule = {
  name: "team-invitations",
  routes: [],
};
