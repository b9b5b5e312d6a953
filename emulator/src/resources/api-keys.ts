import type { EmulatorModule } from "../router";

// TODO(owner): CONTRACT.md routes for api-keys.
export const apiKeysModule: EmulatorModule = {
  name: "api-keys",
  routes: [],
};
