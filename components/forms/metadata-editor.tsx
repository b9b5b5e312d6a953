"use client";

import { useId } from "react";
import type { Path, PathValue } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { useHydrated } from "@/components/ui/use-hydrated";
import { readOnlyControl } from "@/components/users/form-utils";
import type { ActionResult } from "@/lib/action-result";
import type { MetadataField } from "@/lib/schemas/users";
import { FormMessage } from "./form-message";
import { useActionForm } from "./use-action-form";

/** The three metadata fields Stack keeps on users and teams, with who may read and write each. */
export function metadataEditors(owner: "user" | "team"): { field: MetadataField; label: string; description: string; key: "clientMetadata" | "clientReadOnlyMetadata" | "serverMetadata" }[] {
  const app = owner === "user" ? "the user's own app" : "the apps of the team's members";
  return [
    { field: "client_metadata", key: "clientMetadata", label: "Client metadata", description: `Readable and writable by ${app}.` },
    { field: "client_read_only_metadata", key: "clientReadOnlyMetadata", label: "Client read-only metadata", description: `Readable by ${app}; only servers can change it.` },
    { field: "server_metadata", key: "serverMetadata", label: "Server metadata", description: "Only servers and this dashboard can read it." },
  ];
}

// zod and the JSON parser load on first use (validation or Format), not with the page.
const loadJsonText = () => import("@/lib/schemas/users").then((m) => m.jsonText);

type MetadataValues = { field: MetadataField; json: string };

/**
 * One JSON metadata field as validated text with Format and Save, bound to the owner's action
 * (`json` stays the text the operator typed; the action parses it again). Empty text clears it.
 */
export function MetadataEditor<TValues extends MetadataValues, TData>({
  label,
  description,
  defaultValues,
  schema,
  action,
  canEdit,
}: {
  label: string;
  description: string;
  defaultValues: TValues;
  schema: () => Promise<z.ZodType<unknown, TValues>>;
  action: (values: TValues) => Promise<ActionResult<TData>>;
  canEdit: boolean;
}) {
  const id = useId();
  const { form, onSubmit, failure, pending } = useActionForm({ schema, defaultValues, action, success: `${label} saved` });
  const hydrated = useHydrated();
  const { errors, isDirty } = form.formState;
  const jsonPath = "json" as Path<TValues>;

  async function format() {
    const parsed = (await loadJsonText()).safeParse(form.getValues(jsonPath));
    if (!parsed.success) {
      form.setError(jsonPath, { type: "format", message: parsed.error.issues[0]?.message ?? "Invalid JSON" });
      return;
    }
    form.clearErrors(jsonPath);
    const text = parsed.data === null ? "" : JSON.stringify(parsed.data, null, 2);
    form.setValue(jsonPath, text as PathValue<TValues, Path<TValues>>, { shouldDirty: true });
  }

  const error = (errors as { json?: { message?: string } }).json?.message;
  return (
    <form onSubmit={onSubmit} noValidate className="flex min-w-0 flex-col gap-2">
      <fieldset disabled={pending || !hydrated} className="min-w-0">
        <Field id={`${id}-json`} label={label} description={description} error={error}>
          <Textarea
            rows={8}
            spellCheck={false}
            readOnly={!canEdit}
            className={`min-h-40 resize-y font-mono text-xs ${readOnlyControl}`}
            placeholder="null"
            {...form.register(jsonPath)}
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
