import crypto from "node:crypto";
import { z } from "zod";
import { TextError } from "../../errors";
import { readProjectConfig } from "../../project-bootstrap";
import { route, type RouteDef } from "../../router";
import { s } from "../../validation";
import { BUILTIN_EMAIL_TEMPLATES, BUILTIN_EMAIL_THEMES, listEmailTemplates, listEmailThemes, patchOverride } from "../project-config";
import { findTemplate, findTheme, idParams, projectDisplayName, requireCustomServer, requireThemeExport, themeIdValue, themeSourceFor } from "./model";
import { renderEmail } from "./render";

// TSX templates and themes, kept as `emails.templates` / `emails.themes` of the environment override.

const DEFAULT_NEW_TEMPLATE = BUILTIN_EMAIL_TEMPLATES[0]!.tsxSource;

export const templateRoutes: RouteDef[] = [
  // --- TSX templates
  route({
    method: "GET",
    path: "/internal/email-templates",
    access: ["admin"],
    handler: ({ auth, services }) => ({ templates: listEmailTemplates(readProjectConfig(services.db, auth.projectId)) }),
  }),
  route({
    method: "POST",
    path: "/internal/email-templates",
    access: ["admin"],
    body: z.strictObject({ display_name: z.string() }),
    handler: ({ auth, body, services }) => {
      requireCustomServer(services.db, auth.projectId);
      const id = crypto.randomUUID();
      patchOverride(services.db, auth.projectId, "environment", {
        [`emails.templates.${id}`]: { displayName: body.display_name, tsxSource: DEFAULT_NEW_TEMPLATE },
      });
      return { id };
    },
  }),
  route({
    method: "PATCH",
    path: "/internal/email-templates/:template_id",
    access: ["admin"],
    params: z.strictObject({ template_id: s.uuid() }),
    body: z.strictObject({ tsx_source: z.string(), theme_id: themeIdValue.nullable().optional() }),
    handler: ({ auth, params, body, services }) => {
      const db = services.db;
      requireCustomServer(db, auth.projectId);
      const existing = findTemplate(db, auth.projectId, params.template_id);
      if (!existing) throw new TextError(404, "No template found with given id");
      const themeId = body.theme_id === undefined ? existing.theme_id : body.theme_id;
      const { html } = renderEmail({
        templateTsx: body.tsx_source,
        themeTsx: themeSourceFor(db, auth.projectId, themeId),
        vars: { "project.displayName": projectDisplayName(db, auth.projectId) },
      });
      patchOverride(db, auth.projectId, "environment", {
        [`emails.templates.${params.template_id}`]: {
          displayName: existing.display_name,
          tsxSource: body.tsx_source,
          themeId: themeId === undefined ? null : themeId,
        },
      });
      return { rendered_html: html };
    },
  }),
  route({
    method: "DELETE",
    path: "/internal/email-templates/:template_id",
    access: ["admin"],
    params: z.strictObject({ template_id: s.uuid() }),
    handler: ({ auth, params, services }) => {
      const db = services.db;
      requireCustomServer(db, auth.projectId);
      const cfg = readProjectConfig(db, auth.projectId) as { emails?: { templates?: Record<string, unknown> } };
      if (!cfg.emails?.templates?.[params.template_id]) throw new TextError(404, "No template found with given id");
      patchOverride(db, auth.projectId, "environment", { [`emails.templates.${params.template_id}`]: null });
      return {};
    },
  }),

  // --- Themes
  route({
    method: "GET",
    path: "/internal/email-themes",
    access: ["admin"],
    handler: ({ auth, services }) => ({
      themes: listEmailThemes(readProjectConfig(services.db, auth.projectId)).map((t) => ({ id: t.id, display_name: t.display_name })),
    }),
  }),
  route({
    method: "POST",
    path: "/internal/email-themes",
    access: ["admin"],
    body: z.strictObject({ display_name: z.string() }),
    handler: ({ auth, body, services }) => {
      const id = crypto.randomUUID();
      patchOverride(services.db, auth.projectId, "environment", {
        [`emails.themes.${id}`]: { displayName: body.display_name, tsxSource: BUILTIN_EMAIL_THEMES[0]!.tsxSource },
      });
      return { id };
    },
  }),
  route({
    method: "GET",
    path: "/internal/email-themes/:id",
    access: ["admin"],
    params: idParams,
    handler: ({ auth, params, services }) => {
      const t = findTheme(services.db, auth.projectId, params.id);
      if (!t) throw new TextError(404, "No theme found with given id");
      return { display_name: t.display_name, tsx_source: t.tsx_source };
    },
  }),
  route({
    method: "PATCH",
    path: "/internal/email-themes/:id",
    access: ["admin"],
    params: idParams,
    body: z.strictObject({ tsx_source: z.string() }),
    handler: ({ auth, params, body, services }) => {
      const db = services.db;
      const t = findTheme(db, auth.projectId, params.id);
      if (!t) throw new TextError(404, "No theme found with given id");
      requireThemeExport(body.tsx_source);
      patchOverride(db, auth.projectId, "environment", { [`emails.themes.${params.id}`]: { displayName: t.display_name, tsxSource: body.tsx_source } });
      return { display_name: t.display_name };
    },
  }),
  route({
    method: "DELETE",
    path: "/internal/email-themes/:id",
    access: ["admin"],
    params: idParams,
    handler: ({ auth, params, services }) => {
      const db = services.db;
      const cfg = readProjectConfig(db, auth.projectId) as { emails?: { selectedThemeId?: string; themes?: Record<string, unknown> } };
      if (BUILTIN_EMAIL_THEMES.some((t) => t.id === params.id)) throw new TextError(400, "Built-in themes cannot be deleted.");
      if (!cfg.emails?.themes?.[params.id]) throw new TextError(404, "No theme found with given id");
      if (cfg.emails.selectedThemeId === params.id) throw new TextError(400, "Cannot delete the currently selected theme.");
      patchOverride(db, auth.projectId, "environment", { [`emails.themes.${params.id}`]: null });
      return {};
    },
  }),

];
