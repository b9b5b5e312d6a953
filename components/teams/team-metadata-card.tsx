"use client";

import { MetadataEditor, metadataEditors } from "@/components/forms/metadata-editor";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { updateTeamMetadataAction } from "@/lib/actions/teams";
import type { TeamDetail } from "@/lib/teams-dto";

const metadataSchema = () => import("@/lib/schemas/teams").then((m) => m.updateTeamMetadataSchema);

/** The team's three metadata fields, in the same JSON editor as the user's. */
export function TeamMetadataCard({ team, canEdit }: { team: TeamDetail; canEdit: boolean }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Metadata</CardTitle>
        <CardDescription>JSON values stored on the team. Each editor saves on its own; empty text clears the field.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 xl:grid-cols-3">
        {metadataEditors("team").map((e) => (
          <MetadataEditor
            key={e.field}
            label={e.label}
            description={e.description}
            defaultValues={{ teamId: team.id, field: e.field, json: team[e.key] }}
            schema={metadataSchema}
            action={updateTeamMetadataAction}
            canEdit={canEdit}
          />
        ))}
      </CardContent>
    </Card>
  );
}
