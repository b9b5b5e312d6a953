import type { EmulatorModule } from "../router";

// TODO(owner): CONTRACT.md routes for metrics.
export const metricsModule: EmulatorModule = {
  name: "metrics",
  routes: [],
};
