import type { EmulatorModule } from "../router";

// TODO(owner): CONTRACT.md routes for webhooks.
export const webhooksModule: EmulatorModule = {
  name: "webhooks",
  routes: [],
};
