"use client";

import { useId } from "react";
import { Textarea } from "@/components/ui/textarea";
import type { ImpersonationSession } from "@/lib/users-dto";
import { CopyButton } from "./copy-button";

function Token({ label, value }: { label: string; value: string }) {
  const id = useId();
  return (
    <div className="grid gap-1">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        <CopyButton value={value} label={label} />
      </div>
      <Textarea id={id} readOnly rows={3} value={value} spellCheck={false} className="break-all font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
    </div>
  );
}

const expiry = (ms: number) => new Date(ms).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });

/** The one-time view of an impersonation session's tokens, with how to use them. */
export function ImpersonationTokens({ session }: { session: ImpersonationSession }) {
  // Placeholders, not the tokens: a copied snippet never carries a secret the operator did not mean to copy.
  const sdk = `// @stackframe/js or @stackframe/stack: a client app signed in as the user
const app = new StackClientApp({
  projectId: "${session.projectId}",
  publishableClientKey: "<your publishable client key>",
  baseUrl: "${session.apiUrl}",
  tokenStore: { accessToken: "<access token>", refreshToken: "<refresh token>" },
});
const user = await app.getUser();`;
  const rest = `curl ${session.apiUrl}/api/v1/users/me \\
  -H "x-stack-project-id: ${session.projectId}" \\
  -H "x-stack-access-type: client" \\
  -H "x-stack-publishable-client-key: <your publishable client key>" \\
  -H "x-stack-access-token: <access token>"
# a new access token: POST /api/v1/auth/sessions/current/refresh with -H "x-stack-refresh-token: <refresh token>"`;
  return (
    <div className="grid gap-4">
      <p className="text-sm">
        Valid until <strong>{expiry(session.expiresAtMillis)}</strong>
        {session.flaggedAsImpersonation ? ", marked as an impersonation session (hidden from the user's own session list)." : ". This Stack server cannot mark it as an impersonation: the user sees it among their sessions."}
      </p>
      <Token label="Access token" value={session.accessToken} />
      <Token label="Refresh token" value={session.refreshToken} />
      <details className="rounded-md border p-3 text-sm">
        <summary className="cursor-pointer font-medium">How to use them</summary>
        <p className="mt-2 text-muted-foreground">
          With the Stack SDK, pass both tokens as the app&apos;s token store (see{" "}
          <a className="underline" href="https://docs.stack-auth.com/docs/js/snippets/stack-app-constructor-options-before-ssk" target="_blank" rel="noreferrer">
            StackApp constructor options
          </a>
          ):
        </p>
        <pre tabIndex={0} className="mt-2 overflow-x-auto rounded-md bg-muted/40 p-2 font-mono text-xs">{sdk}</pre>
        <p className="mt-2 text-muted-foreground">
          Over{" "}
          <a className="underline" href="https://docs.stack-auth.com/docs/rest-api/overview" target="_blank" rel="noreferrer">
            REST
          </a>
          , send the access token with client access:
        </p>
        <pre tabIndex={0} className="mt-2 overflow-x-auto rounded-md bg-muted/40 p-2 font-mono text-xs">{rest}</pre>
      </details>
    </div>
  );
}
