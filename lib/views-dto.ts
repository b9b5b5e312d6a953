// Saved views of the users table, as the users page and the command palette show them.

export type SavedView = {
  id: string;
  name: string;
  /** The filter and sort as the users table's URL search ("?q=…&verified=yes"; "" for the whole list). */
  search: string;
  ownerEmail: string;
  createdAt: number;
  updatedAt: number;
};

/** The users page with the view's filter and sort, and the view named (a shareable link). */
export function viewHref(view: Pick<SavedView, "id" | "search">): string {
  return `/users${view.search}${view.search ? "&" : "?"}view=${view.id}`;
}

/** A view as the users page lists it: `canManage` when this operator may rename or delete it. */
export type ListedView = SavedView & { canManage: boolean };
