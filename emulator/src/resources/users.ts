import type { EmulatorModule } from "../router";

// TODO(owner): CONTRACT.md routes for users.
export const usersModule: EmulatorModule = {
  name: "users",
  routes: [],
};
