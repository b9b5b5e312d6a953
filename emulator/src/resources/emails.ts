import type { EmulatorModule } from "../router";

// TODO(owner): CONTRACT.md routes for emails.
export const emailsModule: EmulatorModule = {
  name: "emails",
  routes: [],
};
