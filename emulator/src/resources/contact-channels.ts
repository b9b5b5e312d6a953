import type { EmulatorModule } from "../router";

// TODO(owner): CONTRACT.md routes for contact-channels.
export const contactChannelsModule: EmulatorModule = {
  name: "contact-channels",
  routes: [],
};
