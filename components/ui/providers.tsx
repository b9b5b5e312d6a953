"use client";

import { ThemeProvider } from "next-themes";
import { lazy, Suspense, useSyncExternalStore, type ReactNode } from "react";
import { subscribeToToasterRequest, toasterRequested } from "./toast";

// sonner's Toaster loads with the first toast (toasts only follow an action), not with every page.
const ThemedToaster = lazy(() => import("./toaster"));

// Global client providers only. Data providers (React Query) stay inside the
// routes that need them so other pages don't pay for them.
// `nonce` lets next-themes' inline theme script run under the CSP set in proxy.ts.
export function Providers({ children, nonce }: { children: ReactNode; nonce?: string }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      {children}
      <LazyToaster />
    </ThemeProvider>
  );
}

function LazyToaster() {
  const requested = useSyncExternalStore(subscribeToToasterRequest, toasterRequested, () => false);
  return requested ? (
    <Suspense fallback={null}>
      <ThemedToaster />
    </Suspense>
  ) : null;
}
