"use client";

import { PRODUCTION_CONFIRMATION_COOKIE } from "@/lib/production-confirmation";

// The action runner asks for the project's typed name through whatever the shell mounted
// (components/shell/production-confirm.tsx, on production projects only); without it, nothing
// is asked and the server's refusal stands.

type Asker = () => Promise<boolean>;
let asker: Asker | null = null;

export function setProductionAsker(next: Asker | null): void {
  asker = next;
}

/** Resolves true once the operator typed the name (it then travels in the cookie for one retry). */
export function askProductionConfirmation(): Promise<boolean> {
  return asker ? asker() : Promise.resolve(false);
}

export function setProductionConfirmationCookie(typed: string): void {
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${PRODUCTION_CONFIRMATION_COOKIE}=${encodeURIComponent(typed)}; Path=/; Max-Age=60; SameSite=Strict${secure}`;
}

export function clearProductionConfirmationCookie(): void {
  document.cookie = `${PRODUCTION_CONFIRMATION_COOKIE}=; Path=/; Max-Age=0; SameSite=Strict`;
}
