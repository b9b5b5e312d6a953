import type { EmulatorModule } from "../../router";
import { draftRoutes } from "./drafts";
import { migrations } from "./model";
import { sendingRoutes } from "./sending";
import { templateRoutes } from "./templates";

// E-mail (https://docs.stack-auth.com/api/server/emails): templates, themes, drafts, rendering and sending.

export const emailsModule: EmulatorModule = {
  name: "emails",
  migrations,
  routes: [...templateRoutes, ...draftRoutes, ...sendingRoutes],
};
