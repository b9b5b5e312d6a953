"use client";

import { useRef, useState, type ReactNode } from "react";
import { ImpactList } from "@/components/config/impact-list";
import { LazyConfirmDialog, preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import type { ActionResult } from "@/lib/action-result";
import { countSignInImpactAction } from "@/lib/actions/settings";
import { classifyConfigChange, confirmationFor, type ConfirmationRule, type DangerousChange } from "@/lib/config/danger";
import { diffConfig, type ConfigChange } from "@/lib/config/diff";
import { countablePaths, type SignInImpact } from "@/lib/config/impact";
import { applySettingsPatch, type SettingsPatch } from "@/lib/config/patch";
import { DANGEROUS } from "@/lib/dangerous";
import type { SettingsDTO } from "@/lib/settings-dto";

type Pending = {
  dangerous: DangerousChange[];
  changes: ConfigChange[];
  rule: ConfirmationRule;
  call: (confirmation: string) => Promise<ActionResult<unknown>>;
  resolve: (res: ActionResult<unknown>) => void;
};

const NOT_CONFIRMED = { ok: false as const, code: "NOT_CONFIRMED", message: "Not saved: the dangerous change was not confirmed." };

const show = (v: unknown) => (v === undefined || v === null ? "—" : typeof v === "string" ? v : JSON.stringify(v));

/**
 * A settings save that goes through the ONE confirmation dialog when the change is dangerous
 * (lib/config/danger.ts, the same classifier the server re-runs). Safe saves call the action
 * at once; a dangerous one waits for the typed confirmation, which covers every danger of the save.
 */
export function useGuardedSave(saved: SettingsDTO) {
  const [pending, setPending] = useState<Pending | null>(null);
  // undefined while the server counts; null when not known.
  const [impact, setImpact] = useState<SignInImpact | null | undefined>(undefined);
  const settled = useRef(false);

  function save<T>(patch: SettingsPatch, call: (confirmation: string | undefined) => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
    const after = applySettingsPatch(saved, patch);
    const dangerous = classifyConfigChange(saved, after);
    const rule = confirmationFor(dangerous, saved.general.displayName);
    if (!rule) return call(undefined);
    preloadConfirmDialog();
    settled.current = false;
    setImpact(undefined);
    if (countablePaths(dangerous).length > 0 || dangerous.some((d) => d.key === "leaveNoSignInMethod")) {
      const { password, magicLink, passkey } = after.signIn;
      void countSignInImpactAction({ password, magicLink, passkey, providers: after.oauthProviders.map((p) => p.id) }).then(
        (res) => setImpact(res.ok ? res.data.impact : null),
        () => setImpact(null),
      );
    } else setImpact(null);
    return new Promise((resolve) => {
      setPending({ dangerous, changes: diffConfig(saved, after), rule, call: call as Pending["call"], resolve: resolve as Pending["resolve"] });
    });
  }

  function close(res: ActionResult<unknown>) {
    if (!settled.current) pending?.resolve(res);
    settled.current = true;
    setPending(null);
  }

  const keys = pending ? [...new Set(pending.dangerous.map((d) => d.key))] : [];
  const single = keys.length === 1 ? DANGEROUS[keys[0]!] : null;
  const description: ReactNode = pending ? (
    <>
      <ul className="list-disc space-y-1 pl-5" aria-label="What will happen">
        {keys.map((k) => (
          <li key={k}>
            <span className="font-medium text-foreground">{pending.dangerous.filter((d) => d.key === k).map((d) => d.summary).join("; ")}.</span> {DANGEROUS[k].consequence}
          </li>
        ))}
      </ul>
      <ImpactList dangerous={pending.dangerous} impact={impact} />
      <p>
        {pending.changes.length} {pending.changes.length === 1 ? "field changes" : "fields change"}, {pending.dangerous.length} of them dangerous:
      </p>
      <table className="w-full table-fixed text-left text-xs" aria-label="Before and after">
        <thead>
          <tr>
            <th scope="col" className="w-2/5 font-medium">Field</th>
            <th scope="col" className="font-medium">Before</th>
            <th scope="col" className="font-medium">After</th>
          </tr>
        </thead>
        <tbody className="font-mono">
          {pending.changes.map((c) => (
            <tr key={c.path} className="align-top">
              <td className="break-all pr-2">{c.path}</td>
              <td className="break-all pr-2">{show(c.before)}</td>
              <td className="break-all">{show(c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  ) : null;

  const dialog = (
    <LazyConfirmDialog
      open={pending !== null}
      onOpenChange={(open) => {
        if (!open) close(NOT_CONFIRMED);
      }}
      title={single ? single.title : "Confirm dangerous changes"}
      description={description}
      target={{ label: saved.general.displayName, id: saved.general.projectId }}
      confirmValue={pending?.rule.expected}
      confirmLabel={single ? single.confirmLabel : "Save dangerous changes"}
      onConfirm={async (typed) => {
        const current = pending;
        if (!current) return { ok: false, message: "Nothing to confirm." };
        const res = await current.call(typed);
        if (!res.ok) return { ok: false, message: res.message, code: res.code };
        current.resolve(res);
        settled.current = true;
        return { ok: true };
      }}
    />
  );

  return { save, dialog };
}
