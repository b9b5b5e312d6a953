import type { EmulatorModule } from "../router";

// TODO(owner): CONTRACT.md routes for project-config.
export const projectConfigModule: EmulatorModule = {
  name: "project-config",
  routes: [],
};
