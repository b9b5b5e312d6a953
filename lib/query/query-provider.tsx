"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { getQueryClient } from "./query-client";

// Mounted only by the page that drives reads from the client (the users list), so other pages
// (the user page too: it only invalidates, through ./browser-cache) don't ship React Query.
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(getQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
