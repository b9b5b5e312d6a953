"use client";

import { KeyRound, Plus } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import { SectionNote } from "@/components/users/detail/section-note";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { ApiKeyRow, ApiKeysView } from "@/lib/api-keys-dto";
import { ApiKeyTable } from "./api-key-table";
import { RevokeApiKeyDialog } from "./revoke-api-key-dialog";
import type { ApiKeyTarget } from "./target";

const loadFlow = () => import("./create-api-key-flow");
const CreateApiKeyFlow = dynamic(() => loadFlow().then((m) => m.CreateApiKeyFlow), { ssr: false });

const WHOSE = { user: "this user", team: "this team", project: "this project" } as const;
const SETTING = { user: "allow_user_api_keys", team: "allow_team_api_keys" } as const;

/**
 * Every API key list in the console (a user's, a team's, the project's key sets): one card with
 * the list, its loading / empty / error states, the create flow and the revoke flow.
 */
export function ApiKeysCard({
  target,
  view,
  canManage,
  title = "API keys",
  description,
}: {
  target: ApiKeyTarget;
  view: ApiKeysView;
  canManage: boolean;
  title?: string;
  description?: string;
}) {
  const [creating, setCreating] = useState(false);
  const [createMounted, setCreateMounted] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);
  const canCreate = canManage && view.status === "ok";
  const open = () => {
    setCreateMounted(true);
    setCreating(true);
  };
  return (
    <Card role="region" aria-label={title}>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="space-y-1.5">
          <CardTitle>{title}</CardTitle>
          <CardDescription>
            {description ?? `Keys ${WHOSE[target.kind]} uses for your API, newest first. Stack shows only their last four characters and does not report when a key was last used.`}
          </CardDescription>
        </div>
        {canCreate ? (
          <Button variant="outline" onPointerEnter={() => void loadFlow()} onFocus={() => void loadFlow()} onClick={open}>
            <Plus aria-hidden /> Create key
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        <ApiKeysBody target={target} view={view} onRevoke={canManage ? setRevoking : null} />
      </CardContent>
      {createMounted ? <CreateApiKeyFlow target={target} open={creating} onOpenChange={setCreating} /> : null}
      <RevokeApiKeyDialog target={target} apiKey={revoking} onClose={() => setRevoking(null)} />
    </Card>
  );
}

function ApiKeysBody({ target, view, onRevoke }: { target: ApiKeyTarget; view: ApiKeysView; onRevoke: ((key: ApiKeyRow) => void) | null }) {
  switch (view.status) {
    case "unsupported":
      return <SectionNote>This Stack server is an older release without user and team API keys.</SectionNote>;
    case "disabled":
      return (
        <SectionNote>
          {target.kind === "team" ? "Team" : "User"} API keys are turned off for this project (
          <code className="font-mono text-xs">{target.kind === "team" ? SETTING.team : SETTING.user}</code>). Stack answers “{view.message}” until they are enabled in the project&apos;s{" "}
          <Link href="/settings" className="font-medium text-foreground underline underline-offset-4">
            settings
          </Link>
          .
        </SectionNote>
      );
    case "error":
      return <ErrorBanner title="Could not load the API keys" message={view.message} code={view.code} />;
    case "ok":
      return view.keys.length === 0 ? (
        <EmptyState icon={KeyRound} title="No API keys" description={`Keys created for ${WHOSE[target.kind]} appear here.`} className="py-8" />
      ) : (
        <ApiKeyTable keys={view.keys} readAt={view.readAt} caption={`API keys of ${WHOSE[target.kind]}`} onRevoke={onRevoke} />
      );
  }
}
