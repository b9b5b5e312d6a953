import type { ProjectEnvironment } from "@/lib/projects-dto";

// One colour per environment label, shared by the header band and the project switcher.
// Text colours keep WCAG AA contrast on their band.
export const ENVIRONMENT_STYLE: Record<ProjectEnvironment, { label: string; band: string; edge: string }> = {
  development: { label: "Development", band: "bg-emerald-700 text-white", edge: "border-l-emerald-600" },
  staging: { label: "Staging", band: "bg-amber-300 text-black", edge: "border-l-amber-400" },
  production: { label: "Production", band: "bg-red-700 text-white", edge: "border-l-red-600" },
};
