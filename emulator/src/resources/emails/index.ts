import type { EmulatorModule } from "../../router";
import { draftRoutes } from "./drafts";
import { migrations } from "./model";
import { sendingRoutes } from "./sending";
import { templateRoutes } from "./templates";

// E-mail: templates, themes, drafts, rendering and sending (stack-shared `emailTemplateCrud`,
// `internalEmailsCrud`).

export const emailsModule: EmulatorModule = {
  name: "emails",
  migrations,
  routes: [...templateRoutes, ...draftRoutes, ...sendingRoutes],
};
