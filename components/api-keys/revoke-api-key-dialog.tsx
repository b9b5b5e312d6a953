"use client";

import { TriangleAlert } from "lucide-react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { LazyConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { CONSOLE_KEY_CONFIRMATION, type ApiKeyRow } from "@/lib/api-keys-dto";
import { DANGEROUS } from "@/lib/dangerous";
import { apiKeyLabel } from "@/lib/labels";
import { revokeKey, type ApiKeyTarget } from "./target";

/**
 * The one revoke flow: the typed description (the server re-checks it against the key as read
 * now), or, for the key set the console itself uses, the exact consequence.
 */
export function RevokeApiKeyDialog({ target, apiKey, onClose }: { target: ApiKeyTarget; apiKey: ApiKeyRow | null; onClose: () => void }) {
  const { confirm } = useActionRunner();
  const op = apiKey?.isConsoleKey ? DANGEROUS.revokeConsoleKey : DANGEROUS.revokeApiKey;
  const label = apiKey ? apiKeyLabel(apiKey) : "";
  return (
    <LazyConfirmDialog
      open={apiKey !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={op.title}
      description={
        apiKey?.isConsoleKey ? (
          <>
            <span role="alert" className="flex gap-2 rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 font-medium text-destructive">
              <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
              This is the key set Stack Admin uses for this project.
            </span>
            <p>{op.consequence}</p>
          </>
        ) : (
          <p>{op.consequence}</p>
        )
      }
      target={{ label, id: apiKey?.id ?? "" }}
      confirmValue={apiKey?.isConsoleKey ? CONSOLE_KEY_CONFIRMATION : label}
      confirmLabel={op.confirmLabel}
      onConfirm={(typed) => (apiKey ? confirm(() => revokeKey(target, apiKey, typed), `Revoked ${label}`) : Promise.resolve({ ok: true }))}
    />
  );
}
