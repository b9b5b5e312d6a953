"use client";

import { useId } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { updateUserMetadataAction } from "@/lib/actions/users";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { MetadataField } from "@/lib/schemas/users";
import type { UserDetail } from "@/lib/users-dto";
import { readOnlyControl } from "../form-utils";
import { useCan } from "../permissions";

const EDITORS: { field: MetadataField; label: string; description: string; key: "clientMetadata" | "clientReadOnlyMetadata" | "serverMetadata" }[] = [
  { field: "client_metadata", key: "clientMetadata", label: "Client metadata", description: "Readable and writable by the user's own app." },
  { field: "client_read_only_metadata", key: "clientReadOnlyMetadata", label: "Client read-only metadata", description: "Readable by the user's app; only servers can change it." },
  { field: "server_metadata", key: "serverMetadata", label: "Server metadata", description: "Only servers and this dashboard can read it." },
];

// zod and the schemas load on first use (validation or Format), not with the page.
const loadSchemas = () => import("@/lib/schemas/users");
// Validation in raw mode: `json` stays the text the operator typed (the action parses it again);
// an invalid-JSON issue still shows as the field's message.
const metadataSchema = () => loadSchemas().then((m) => m.updateUserMetadataSchema);

export function MetadataCard({ user }: { user: UserDetail }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Metadata</CardTitle>
        <CardDescription>JSON values stored on the user. Each editor saves on its own; empty text clears the field.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 xl:grid-cols-3">
        {EDITORS.map((e) => (
          <MetadataEditor key={e.field} userId={user.id} field={e.field} label={e.label} description={e.description} initial={user[e.key]} />
        ))}
      </CardContent>
    </Card>
  );
}

function MetadataEditor({ userId, field, label, description, initial }: { userId: string; field: MetadataField; label: string; description: string; initial: string }) {
  const id = useId();
  const { form, onSubmit, failure, pending } = useActionForm({
    schema: metadataSchema,
    defaultValues: { userId, field, json: initial },
    action: updateUserMetadataAction,
    success: `${label} saved`,
  });
  const hydrated = useHydrated();
  const canEdit = useCan("updateUserMetadataAction");
  const { errors, isDirty } = form.formState;

  async function format() {
    const { updateUserMetadataSchema } = await loadSchemas();
    const parsed = updateUserMetadataSchema.shape.json.safeParse(form.getValues("json"));
    if (!parsed.success) {
      form.setError("json", { type: "format", message: parsed.error.issues[0]?.message ?? "Invalid JSON" });
      return;
    }
    form.clearErrors("json");
    form.setValue("json", parsed.data === null ? "" : JSON.stringify(parsed.data, null, 2), { shouldDirty: true });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex min-w-0 flex-col gap-2">
      <fieldset disabled={pending || !hydrated} className="min-w-0">
        <Field id={`${id}-json`} label={label} description={description} error={errors.json?.message}>
          <Textarea
            rows={8}
            spellCheck={false}
            readOnly={!canEdit}
            className={cn("min-h-40 resize-y font-mono text-xs", readOnlyControl)}
            placeholder="null"
            {...form.register("json")}
          />
        </Field>
      </fieldset>
      <FormMessage failure={failure} />
      {canEdit ? (
        <div className="mt-auto flex justify-end gap-2">
          <Button variant="ghost" size="sm" disabled={pending} onClick={() => void format()}>
            Format
          </Button>
          <Button type="submit" size="sm" disabled={!isDirty} loading={pending} aria-label={`Save ${label.toLowerCase()}`}>
            Save
          </Button>
        </div>
      ) : null}
    </form>
  );
}
