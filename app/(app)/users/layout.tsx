import type { ReactNode } from "react";
import { QueryProvider } from "@/lib/query/query-provider";

// React Query is scoped to the users routes: other pages don't load it.
export default function UsersLayout({ children }: { children: ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
