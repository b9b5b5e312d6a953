import type { EmulatorModule } from "../router";
import { usersModule } from "./users";
import { sessionsModule } from "./sessions";
import { contactChannelsModule } from "./contact-channels";
import { oauthProvidersModule } from "./oauth-providers";
import { teamsModule } from "./teams";
import { teamMembershipsModule } from "./team-memberships";
import { teamMemberProfilesModule } from "./team-member-profiles";
import { teamInvitationsModule } from "./team-invitations";
import { permissionDefinitionsModule } from "./permission-definitions";
import { permissionsModule } from "./permissions";
import { apiKeysModule } from "./api-keys";
import { userApiKeysModule } from "./user-api-keys";
import { projectConfigModule } from "./project-config";
import { emailsModule } from "./emails";
import { metricsModule } from "./metrics";
import { webhooksModule } from "./webhooks";

// Registration order matters only where static paths shadow params (e.g. /auth/sessions/current).
export const modules: EmulatorModule[] = [
  usersModule,
  sessionsModule,
  contactChannelsModule,
  oauthProvidersModule,
  teamsModule,
  teamMembershipsModule,
  teamMemberProfilesModule,
  teamInvitationsModule,
  permissionDefinitionsModule,
  permissionsModule,
  apiKeysModule,
  userApiKeysModule,
  projectConfigModule,
  emailsModule,
  metricsModule,
  webhooksModule,
];
