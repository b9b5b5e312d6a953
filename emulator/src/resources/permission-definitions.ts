import type { EmulatorModule } from "../router";

// TODO(owner): CONTRACT.md routes for permission-definitions.
export const permissionDefinitionsModule: EmulatorModule = {
  name: "permission-definitions",
  routes: [],
};
