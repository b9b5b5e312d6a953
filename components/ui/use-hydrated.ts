import { useSyncExternalStore } from "react";

const noop = () => () => {};

/**
 * False during SSR and hydration. Server-rendered controls stay disabled until React owns them,
 * so a click or text before hydration isn't silently dropped (the e2e specs rely on it).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noop, () => true, () => false);
}
