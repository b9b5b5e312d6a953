"use client";

import { RelativeTime } from "@/components/data-table/relative-time";
import { formatUtc } from "@/components/data-table/format-date";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { apiKeyState, maskedSecret, neverExpires, SECRET_LABELS, type ApiKeyRow, type ApiKeyState } from "@/lib/api-keys-dto";

const STATE_BADGES: Record<ApiKeyState, { label: string; variant: "success" | "warning" | "destructive" }> = {
  active: { label: "active", variant: "success" },
  expired: { label: "expired", variant: "warning" },
  revoked: { label: "revoked", variant: "destructive" },
};

/** The one list of API keys: masked secrets (last four characters), dates and state, a revoke button per live key. */
export function ApiKeyTable({ keys, readAt, caption, onRevoke }: { keys: ApiKeyRow[]; readAt: number; caption: string; onRevoke: ((key: ApiKeyRow) => void) | null }) {
  return (
    <div className="relative overflow-x-auto rounded-md border">
      <table className="w-full min-w-[44rem] text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b bg-muted/40 text-left text-muted-foreground">
          <tr>
            <th scope="col" className="h-9 px-3 font-medium">Description</th>
            <th scope="col" className="h-9 px-3 font-medium">Key</th>
            <th scope="col" className="h-9 px-3 font-medium">Created</th>
            <th scope="col" className="h-9 px-3 font-medium">Expires</th>
            <th scope="col" className="h-9 px-3 font-medium">State</th>
            {onRevoke ? (
              <th scope="col" className="h-9 px-3">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => {
            const state = apiKeyState(k, readAt);
            const badge = STATE_BADGES[state];
            return (
              <tr key={k.id} className="border-b last:border-0" aria-label={k.description || k.id}>
                <td className="max-w-[16rem] px-3 py-2">
                  <span className="break-words">{k.description || <span className="text-muted-foreground">No description</span>}</span>
                  {k.isConsoleKey ? (
                    <Badge variant="warning" className="ml-2">
                      used by this console
                    </Badge>
                  ) : null}
                </td>
                <td className="px-3 py-2">
                  <ul className="grid gap-0.5">
                    {k.secrets.map((s) => (
                      <li key={s.kind} className="whitespace-nowrap">
                        <span className="font-mono text-xs" aria-label={`${SECRET_LABELS[s.kind]} ending in ${s.lastFour}`} title={SECRET_LABELS[s.kind]}>
                          {maskedSecret(s.kind, s.lastFour)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="whitespace-nowrap px-3 py-2">
                  <RelativeTime ms={k.createdAt} />
                </td>
                <td className="whitespace-nowrap px-3 py-2">
                  {neverExpires(k.expiresAt) ? (
                    <span className="text-muted-foreground" title={k.expiresAt !== null ? formatUtc(k.expiresAt) : undefined}>
                      never
                    </span>
                  ) : (
                    <RelativeTime ms={k.expiresAt!} />
                  )}
                </td>
                <td className="px-3 py-2">
                  <Badge variant={badge.variant}>{badge.label}</Badge>
                  {state === "revoked" && k.revokedAt !== null ? (
                    <span className="block text-xs text-muted-foreground">
                      <RelativeTime ms={k.revokedAt} />
                    </span>
                  ) : null}
                </td>
                {onRevoke ? (
                  <td className="px-3 py-2 text-right">
                    {state === "revoked" ? null : (
                      <Button variant="ghost" size="sm" className="text-destructive" onPointerEnter={preloadConfirmDialog} onFocus={preloadConfirmDialog} onClick={() => onRevoke(k)}>
                        Revoke…
                      </Button>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
