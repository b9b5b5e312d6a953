"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Controller } from "react-hook-form";
import type { z } from "zod";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { EXPIRY_PRESETS, SECRET_LABELS, type CreatedApiKey } from "@/lib/api-keys-dto";
import { SecretDialog } from "./secret-dialog";
import { createKey, type ApiKeyTarget, type CreateKeyValues } from "./target";

const EMPTY: CreateKeyValues = { description: "", expiry: "90d", publishableClientKey: false, secretServerKey: true, superSecretAdminKey: false };
const PROJECT_KINDS = [
  { name: "publishableClientKey", kind: "publishable_client_key", hint: "for client code (x-stack-publishable-client-key)" },
  { name: "secretServerKey", kind: "secret_server_key", hint: "for your servers (x-stack-secret-server-key)" },
  { name: "superSecretAdminKey", kind: "super_secret_admin_key", hint: "full admin access to the project (x-stack-super-secret-admin-key)" },
] as const;

// The fields of the target's own action schema (the owner id is not a form field), loaded with zod
// on first validation. Extra form values are ignored by a zod object.
const schemaOf = (target: ApiKeyTarget) => () =>
  import("@/lib/schemas/api-keys").then(
    (m) => (target.kind === "project" ? m.createProjectApiKeySchema : m.createUserApiKeySchema.pick({ description: true, expiry: true })) as unknown as z.ZodType<unknown, CreateKeyValues>,
  );

const TITLES = { user: "Create user API key", team: "Create team API key", project: "Create project API keys" } as const;

/**
 * Create a key: the form, then the secret shown once. Loaded on first open (the card ships
 * without it); stays mounted so the secret dialog survives the form closing.
 */
export function CreateApiKeyFlow({ target, open, onOpenChange }: { target: ApiKeyTarget; open: boolean; onOpenChange: (open: boolean) => void }) {
  const id = useId();
  const router = useRouter();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [schema] = useState(() => schemaOf(target));
  const { form, onSubmit, reset, failure, pending } = useActionForm<CreateKeyValues, CreatedApiKey>({
    schema,
    defaultValues: EMPTY,
    action: (values) => createKey(target, values),
    success: null,
    // The list refreshes once the secret dialog is done, so the secret is the only thing on screen.
    refresh: false,
    onSuccess: ({ data, form }) => {
      form.reset(EMPTY);
      onOpenChange(false);
      setCreated(data);
    },
  });
  const { errors } = form.formState;

  function handleOpenChange(next: boolean) {
    if (pending) return;
    if (!next) reset(EMPTY);
    onOpenChange(next);
  }

  return (
    <>
      <Dialog open={open} onOpenChange={handleOpenChange}>
        <DialogContent dismissible={!pending}>
          <form onSubmit={onSubmit} noValidate className="grid gap-4">
            <DialogHeader>
              <DialogTitle>{TITLES[target.kind]}</DialogTitle>
              <DialogDescription>The secret is shown once, right after creation; copy it then.</DialogDescription>
            </DialogHeader>
            <fieldset disabled={pending} className="grid gap-4">
              <Field id={`${id}-description`} label="Description" description="What the key is for, e.g. “CI deploys”." error={errors.description?.message}>
                <Input autoComplete="off" {...form.register("description")} />
              </Field>
              <Field id={`${id}-expiry`} label="Expires after" error={errors.expiry?.message}>
                <Select {...form.register("expiry")}>
                  {EXPIRY_PRESETS.map((p) => (
                    <option key={p.value} value={p.value}>
                      {p.label}
                    </option>
                  ))}
                </Select>
              </Field>
              {target.kind === "project" ? (
                <fieldset className="grid gap-2" aria-describedby={errors.publishableClientKey ? `${id}-kinds-error` : undefined}>
                  <legend className="mb-1 text-sm font-medium">Keys in the set</legend>
                  {PROJECT_KINDS.map((k) => (
                    <div key={k.name} className="flex items-start gap-2">
                      <Controller
                        control={form.control}
                        name={k.name}
                        render={({ field }) => <Checkbox id={`${id}-${k.name}`} checked={field.value} onCheckedChange={field.onChange} onBlur={field.onBlur} />}
                      />
                      <Label htmlFor={`${id}-${k.name}`} className="grid gap-0.5 leading-snug">
                        {SECRET_LABELS[k.kind]}
                        <span className="text-xs font-normal text-muted-foreground">{k.hint}</span>
                      </Label>
                    </div>
                  ))}
                  {errors.publishableClientKey?.message ? (
                    <p id={`${id}-kinds-error`} className="text-xs font-medium text-destructive">
                      {errors.publishableClientKey.message}
                    </p>
                  ) : null}
                </fieldset>
              ) : null}
            </fieldset>
            <FormMessage failure={failure} />
            <DialogFooter>
              <Button variant="outline" disabled={pending} onClick={() => handleOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={pending}>
                Create key
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
      <SecretDialog
        created={created}
        onDone={() => {
          setCreated(null);
          router.refresh();
        }}
      />
    </>
  );
}
