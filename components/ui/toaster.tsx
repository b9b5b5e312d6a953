"use client";

import { useTheme } from "next-themes";
import { Toaster } from "sonner";

/** Loaded by <Providers> on the first toast (see ./toast.ts). */
export default function ThemedToaster() {
  // Follow the app's chosen theme, not only the OS one.
  const { resolvedTheme } = useTheme();
  return <Toaster theme={resolvedTheme === "dark" ? "dark" : "light"} richColors closeButton position="bottom-right" />;
}
