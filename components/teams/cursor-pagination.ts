import type { DataTablePaginationProps } from "@/components/data-table/data-table-pagination";

type ServerTableUrl<S extends number> = {
  page: number;
  pending: boolean;
  previous: () => void;
  next: (cursor: string) => void;
  state: { params: { cursor: string | undefined; pageSize: S } };
};

/** The pager of a server-rendered table paged by forward-only cursors (useTableUrl in "server" mode). */
export function cursorPagination<S extends number>(url: ServerTableUrl<S>, nextCursor: string | null, pageSizes: readonly S[], onPageSizeChange: (size: S) => void): DataTablePaginationProps {
  return {
    page: url.page,
    canPrevious: Boolean(url.state.params.cursor),
    canNext: nextCursor !== null && !url.pending,
    onPrevious: url.previous,
    onNext: () => nextCursor && url.next(nextCursor),
    pageSize: url.state.params.pageSize,
    pageSizes,
    onPageSizeChange: (size) => onPageSizeChange(size as S),
  };
}
