"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import type { ConfirmDialogProps } from "./confirm-dialog";

const load = () => import("./confirm-dialog");
const ConfirmDialog = dynamic(() => load().then((m) => m.ConfirmDialog), { ssr: false });

/** Starts loading the dialog early, e.g. on pointerenter/focus of the button that opens it. */
export function preloadConfirmDialog() {
  void load();
}

/**
 * <ConfirmDialog> (the one confirmation component) loaded on first open: the Radix dialog and its
 * focus trap don't ship with the page. Once opened it stays mounted, so it closes like any dialog.
 */
export function LazyConfirmDialog(props: ConfirmDialogProps) {
  const [opened, setOpened] = useState(props.open);
  if (props.open && !opened) setOpened(true);
  return opened ? <ConfirmDialog {...props} /> : null;
}
