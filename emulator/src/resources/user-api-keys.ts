import type { EmulatorModule } from "../router";

// TODO(owner): CONTRACT.md routes for user-api-keys.
export const userApiKeysModule: EmulatorModule = {
  name: "user-api-keys",
  routes: [],
};
