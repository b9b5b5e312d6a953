import crypto from "node:crypto";
import { z } from "zod";
import { TextError } from "../../errors";
import { route, type RouteDef } from "../../router";
import { emailStatements as S, idParams, themeIdValue, type DraftRow } from "./model";

// Drafts of one-off e-mails (table `email_drafts`); sending a draft stamps its sent_at_millis.

const DEFAULT_DRAFT_SOURCE = `import { Container } from "@react-email/components";
import { Subject, NotificationCategory, Props } from "@stackframe/emails";

export function EmailTemplate({ user, project }: Props) {
  return (
    <Container>
      <Subject value="Hello" />
      <NotificationCategory value="Marketing" />
      <div>Hello</div>
    </Container>
  );
}
`;

export const draftRoutes: RouteDef[] = [
  route({
    method: "GET",
    path: "/internal/email-drafts",
    access: ["admin"],
    handler: ({ auth, services }) => ({
      drafts: (S(services.db).drafts.all(auth.projectId) as DraftRow[]).map((d) => ({
        id: d.id,
        display_name: d.display_name,
        ...(d.theme_id_json !== null ? { theme_id: JSON.parse(d.theme_id_json) as string | false } : {}),
        tsx_source: d.tsx_source,
        sent_at_millis: d.sent_at_millis,
      })),
    }),
  }),
  route({
    method: "POST",
    path: "/internal/email-drafts",
    access: ["admin"],
    body: z.strictObject({ display_name: z.string().optional(), theme_id: themeIdValue.optional(), tsx_source: z.string().optional() }),
    handler: ({ auth, body, services }) => {
      const id = crypto.randomUUID();
      S(services.db).insertDraft.run(
        id,
        auth.projectId,
        body.display_name ?? "Untitled Draft",
        body.theme_id === undefined ? null : JSON.stringify(body.theme_id),
        body.tsx_source ?? DEFAULT_DRAFT_SOURCE,
        services.now(),
      );
      return { id };
    },
  }),
  route({
    method: "PATCH",
    path: "/internal/email-drafts/:id",
    access: ["admin"],
    params: idParams,
    body: z.strictObject({
      display_name: z.string().optional(),
      theme_id: themeIdValue.nullable().optional(),
      tsx_source: z.string().optional(),
      sent_at_millis: z.number().int().nullable().optional(),
    }),
    handler: ({ auth, params, body, services }) => {
      const db = services.db;
      return db.transaction(() => {
        const d = S(db).draft.get(auth.projectId, params.id) as DraftRow | undefined;
        if (!d) throw new TextError(404, "No draft found with given id");
        S(db).updateDraft.run(
          body.display_name ?? d.display_name,
          body.theme_id === undefined ? d.theme_id_json : body.theme_id === null ? null : JSON.stringify(body.theme_id),
          body.tsx_source ?? d.tsx_source,
          body.sent_at_millis === undefined ? d.sent_at_millis : body.sent_at_millis,
          d.id,
        );
        return { success: true };
      })();
    },
  }),
  route({
    method: "DELETE",
    path: "/internal/email-drafts/:id",
    access: ["admin"],
    params: idParams,
    handler: ({ auth, params, services }) => {
      const r = S(services.db).deleteDraft.run(auth.projectId, params.id);
      if (r.changes === 0) throw new TextError(404, "No draft found with given id");
      return { success: true };
    },
  }),

];
