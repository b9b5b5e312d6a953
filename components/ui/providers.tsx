"use client";

import { ThemeProvider } from "next-themes";
import { lazy, Suspense, useSyncExternalStore, type ReactNode } from "react";
import { subscribeToToasterRequest, toasterRequested } from "./toast";

// sonner's Toaster loads with the first toast (toasts only follow an action), not with every page.
const ThemedToaster = lazy(() => import("./toaster"));

// Global client providers only. Data providers (React Query) stay inside the
// routes that need them so other pages don't pay for them.
export function Providers({ children }: { children: ReactNode }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
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
