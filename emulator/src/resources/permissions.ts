import type { EmulatorModule } from "../router";

// TODO(owner): CONTRACT.md routes for permissions.
export const permissionsModule: EmulatorModule = {
  name: "permissions",
  routes: [],
};
