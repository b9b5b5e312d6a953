"use client";

import { MetadataEditor, metadataEditors } from "@/components/forms/metadata-editor";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { updateUserMetadataAction } from "@/lib/actions/users";
import type { UserDetail } from "@/lib/users-dto";
import { useCan } from "../permissions";

// Validation in raw mode: `json` stays the text the operator typed (the action parses it again);
// an invalid-JSON issue still shows as the field's message.
const metadataSchema = () => import("@/lib/schemas/users").then((m) => m.updateUserMetadataSchema);

export function MetadataCard({ user }: { user: UserDetail }) {
  const canEdit = useCan("updateUserMetadataAction");
  return (
    <Card>
      <CardHeader>
        <CardTitle>Metadata</CardTitle>
        <CardDescription>JSON values stored on the user. Each editor saves on its own; empty text clears the field.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 xl:grid-cols-3">
        {metadataEditors("user").map((e) => (
          <MetadataEditor
            key={e.field}
            label={e.label}
            description={e.description}
            defaultValues={{ userId: user.id, field: e.field, json: user[e.key] }}
            schema={metadataSchema}
            action={updateUserMetadataAction}
            canEdit={canEdit}
          />
        ))}
      </CardContent>
    </Card>
  );
}
