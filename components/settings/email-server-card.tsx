"use client";

import { useId, useState, useTransition } from "react";
import type { UseFormReturn } from "react-hook-form";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useHydrated } from "@/components/ui/use-hydrated";
import { sendTestEmailAction, updateEmailServerAction } from "@/lib/actions/settings";
import type { EmailServerForm, UpdateEmailServerInput } from "@/lib/schemas/settings";
import type { SettingsDTO } from "@/lib/settings-dto";
import { SettingsFormCard } from "./form-parts";
import { useGuardedSave } from "./use-guarded-save";

const formSchema = () => import("@/lib/schemas/settings").then((m) => m.emailServerFormSchema);

function toInput(v: EmailServerForm): UpdateEmailServerInput["email"] {
  if (v.server === "shared") return { server: "shared" };
  return { server: "own", host: v.host.trim(), port: Number(v.port), username: v.username.trim(), password: v.password, senderName: v.senderName.trim(), senderEmail: v.senderEmail.trim() };
}

type TestResult = { kind: "sent" | "failed" | "refused"; text: string } | null;

/** Sends a test e-mail with the settings as typed (not saved); Stack's own failure message is shown as is. */
function TestEmail({ form, disabled }: { form: UseFormReturn<EmailServerForm>; disabled: boolean }) {
  const id = useId();
  const [recipient, setRecipient] = useState("");
  const [result, setResult] = useState<TestResult>(null);
  const [pending, start] = useTransition();
  function send() {
    const v = form.getValues();
    start(async () => {
      setResult(null);
      const res = await sendTestEmailAction({ recipientEmail: recipient.trim(), host: v.host.trim(), port: Number(v.port), username: v.username.trim(), password: v.password, senderName: v.senderName.trim(), senderEmail: v.senderEmail.trim() });
      if (!res.ok) setResult({ kind: "refused", text: `${res.message} (${res.code})` });
      else if (res.data.success) setResult({ kind: "sent", text: `Test e-mail sent to ${recipient.trim()}.` });
      else setResult({ kind: "failed", text: `The test e-mail failed: ${res.data.message ?? "the server gave no reason"}` });
    });
  }
  return (
    <div className="grid gap-2 border-t px-6 py-4">
      <h3 className="text-sm font-medium">Send a test e-mail</h3>
      <p className="text-xs text-muted-foreground">Uses the settings above as typed, without saving them. An empty password uses the saved one, for the saved host, port and username only.</p>
      <div className="flex flex-wrap items-end gap-2">
        <Field id={`${id}-to`} label="Recipient" className="min-w-64 flex-1">
          <Input type="email" autoComplete="off" value={recipient} onChange={(e) => setRecipient(e.target.value)} disabled={disabled || pending} />
        </Field>
        <Button variant="outline" onClick={send} loading={pending} disabled={disabled || recipient.trim() === ""}>
          Send test e-mail
        </Button>
      </div>
      <div role="status" aria-live="polite" aria-label="Test e-mail result" className="text-sm">
        {result ? <p className={result.kind === "sent" ? "text-foreground" : "font-medium text-destructive"}>{result.text}</p> : null}
      </div>
    </div>
  );
}

export function EmailServerCard({ settings, canEdit }: { settings: SettingsDTO; canEdit: boolean }) {
  const id = useId();
  const e = settings.emails;
  const guard = useGuardedSave(settings);
  const passwordSaved = e.server === "own";
  const defaults: EmailServerForm = { server: e.server, host: e.host ?? "", port: e.port ?? 587, username: e.username ?? "", password: "", senderName: e.senderName ?? "", senderEmail: e.senderEmail ?? "" };
  const { form, onSubmit, reset, failure, pending } = useActionForm({
    schema: formSchema,
    defaultValues: defaults,
    action: async (values: EmailServerForm) => {
      if (values.server === "own" && !passwordSaved && values.password === "") {
        return { ok: false as const, code: "INVALID_INPUT", message: "Some fields are invalid.", fieldErrors: { password: ["Enter the SMTP password"] } };
      }
      const email = toInput(values);
      return guard.save({ emails: email }, (confirmation) => updateEmailServerAction({ email, confirmation }));
    },
    success: "E-mail server saved",
    // The password is write-only: empty again after a save.
    onSuccess: ({ values, form: f }) => f.reset({ ...values, password: "" }),
  });
  const hydrated = useHydrated();
  const own = form.watch("server") === "own";
  const errors = form.formState.errors;
  return (
    <SettingsFormCard
      id="emails"
      title="E-mails"
      description="The server that sends sign-in and notification e-mails. Its password is write-only. Changing the server asks for confirmation."
      onSubmit={onSubmit}
      dirty={form.formState.isDirty}
      pending={pending}
      failure={failure}
      onReset={() => reset()}
      saveLabel="Save e-mail server"
      canEdit={canEdit}
      after={own && canEdit ? <TestEmail form={form} disabled={!hydrated} /> : null}
    >
      <fieldset disabled={pending || !hydrated || !canEdit} className="grid gap-4">
        <legend className="sr-only">E-mail server</legend>
        <Field id={`${id}-server`} label="E-mail server">
          <Select {...form.register("server")}>
            <option value="shared">Shared (Stack&apos;s, for development)</option>
            <option value="own">Own SMTP server</option>
          </Select>
        </Field>
        {own ? (
          <div className="grid items-start gap-3 sm:grid-cols-2">
            <Field id={`${id}-host`} label="Host" error={errors.host?.message}>
              <Input autoComplete="off" {...form.register("host")} />
            </Field>
            <Field id={`${id}-port`} label="Port" error={errors.port?.message}>
              <Input inputMode="numeric" autoComplete="off" {...form.register("port")} />
            </Field>
            <Field id={`${id}-username`} label="Username" error={errors.username?.message}>
              <Input autoComplete="off" {...form.register("username")} />
            </Field>
            <Field
              id={`${id}-password`}
              label="SMTP password"
              description={passwordSaved ? "Saved and write-only. Leave empty to keep it; type to replace it." : "Required."}
              error={errors.password?.message}
            >
              <Input type="password" autoComplete="new-password" placeholder={passwordSaved ? "•••••••• (unchanged)" : ""} {...form.register("password")} />
            </Field>
            <Field id={`${id}-sender-name`} label="Sender name" error={errors.senderName?.message}>
              <Input autoComplete="off" {...form.register("senderName")} />
            </Field>
            <Field id={`${id}-sender-email`} label="Sender address" error={errors.senderEmail?.message}>
              <Input type="email" autoComplete="off" {...form.register("senderEmail")} />
            </Field>
            <p className="text-xs text-muted-foreground sm:col-span-2">Stack needs all six together for its own server.</p>
          </div>
        ) : null}
      </fieldset>
      {guard.dialog}
    </SettingsFormCard>
  );
}
