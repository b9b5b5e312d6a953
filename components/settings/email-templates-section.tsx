"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import type { EmailTemplatesDTO } from "@/lib/settings-dto";

// The editor ships only when opened: it is not part of the page's first paint.
const EmailTemplates = dynamic(() => import("./email-templates").then((m) => m.EmailTemplates), { ssr: false, loading: () => <p className="text-sm text-muted-foreground">Loading…</p> });

export function EmailTemplatesSection({ data, sharedServer, themeId, canEdit }: { data: EmailTemplatesDTO; sharedServer: boolean; themeId: string | null; canEdit: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <Card id="email-templates" className="scroll-mt-4">
      <section aria-labelledby="email-templates-title">
        <CardHeader>
          <h2 id="email-templates-title" className="font-semibold leading-none tracking-tight">
            E-mail templates and themes
          </h2>
          <CardDescription>The e-mails Stack sends and the themes around them, as TSX source: edit, preview what Stack renders, save.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          {data.templates === null ? (
            <p className="text-sm text-muted-foreground">This Stack server&apos;s release has no editable TSX templates (it keeps typed templates the console does not edit).</p>
          ) : (
            <>
              {sharedServer ? (
                <p className="rounded-md border border-amber-500/50 bg-amber-500/10 px-3 py-2 text-sm" role="note">
                  Editing a template needs your own e-mail server. While the project uses the shared server, Stack refuses template edits
                  (<span className="font-mono">REQUIRES_CUSTOM_EMAIL_SERVER</span>) and lists only its built-in templates. Set up an own SMTP server in E-mails first; previews work either way,
                  and so does editing a theme.
                </p>
              ) : null}
              <p className="text-sm text-muted-foreground">
                {data.templates.length} templates, {data.themes?.length ?? 0} themes.
              </p>
              {open ? (
                <EmailTemplates data={data} sharedServer={sharedServer} themeId={themeId} canEdit={canEdit} />
              ) : (
                <Button variant="outline" onClick={() => setOpen(true)}>
                  Show templates and themes
                </Button>
              )}
            </>
          )}
        </CardContent>
      </section>
    </Card>
  );
}
