import type { EmulatorModule } from "../router";

// TODO(owner): CONTRACT.md routes for oauth-providers.
export const oauthProvidersModule: EmulatorModule = {
  name: "oauth-providers",
  routes: [],
};
