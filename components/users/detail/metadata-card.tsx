"use client";

import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { updateUserMetadataAction } from "@/lib/actions/users";
import { lazyZodResolver } from "@/lib/forms/lazy-zod-resolver";
import type { MetadataField, UpdateUserMetadataInput } from "@/lib/schemas/users";
import type { UserDetail } from "@/lib/users-dto";
import { applyFieldErrors, FormMessage, readOnlyControl, useHydrated, type FormFailure } from "../form-utils";
import { useCan } from "../permissions";
import { useRunAction } from "./use-run-action";

const EDITORS: { field: MetadataField; label: string; description: string; key: "clientMetadata" | "clientReadOnlyMetadata" | "serverMetadata" }[] = [
  { field: "client_metadata", key: "clientMetadata", label: "Client metadata", description: "Readable and writable by the user's own app." },
  { field: "client_read_only_metadata", key: "clientReadOnlyMetadata", label: "Client read-only metadata", description: "Readable by the user's app; only servers can change it." },
  { field: "server_metadata", key: "serverMetadata", label: "Server metadata", description: "Only servers and this dashboard can read it." },
];

// zod and the schemas load on first use (validation or Format), not with the page.
const loadSchemas = () => import("@/lib/schemas/users");
// The action's own schema. Raw mode: `json` stays the text the operator typed (the action parses
// it again); an invalid-JSON issue still shows as the field's message.
const metadataResolver = lazyZodResolver<UpdateUserMetadataInput>(() => loadSchemas().then((m) => m.updateUserMetadataSchema));

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
  const { settle } = useRunAction();
  const [failure, setFailure] = useState<FormFailure>(null);
  const form = useForm<UpdateUserMetadataInput>({
    resolver: metadataResolver,
    defaultValues: { userId, field, json: initial },
  });
  const hydrated = useHydrated();
  const canEdit = useCan("updateUserMetadataAction");
  const { errors, isSubmitting, isDirty } = form.formState;

  const onSubmit = form.handleSubmit(async () => {
    setFailure(null);
    const values = form.getValues();
    const res = settle(await updateUserMetadataAction(values), `${label} saved`, { errorShownInline: true });
    if (!res.ok) {
      if (!applyFieldErrors(form.setError, res.fieldErrors, ["json"])) setFailure({ code: res.code, message: res.message });
      return;
    }
    form.reset(values);
  });

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
      <fieldset disabled={isSubmitting || !hydrated} className="min-w-0">
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
          <Button variant="ghost" size="sm" disabled={isSubmitting} onClick={() => void format()}>
            Format
          </Button>
          <Button type="submit" size="sm" disabled={!isDirty} loading={isSubmitting} aria-label={`Save ${label.toLowerCase()}`}>
            Save
          </Button>
        </div>
      ) : null}
    </form>
  );
}
