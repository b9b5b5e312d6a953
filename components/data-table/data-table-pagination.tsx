import { ChevronLeft, ChevronRight } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";

export type DataTablePaginationProps = {
  page: number;
  canPrevious: boolean;
  canNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  pageSize: number;
  pageSizes: readonly number[];
  onPageSizeChange: (size: number) => void;
};

/** Forward-only cursor pager: page number, previous/next and rows per page. */
export function DataTablePagination({
  page,
  rowsOnPage,
  canPrevious,
  canNext,
  onPrevious,
  onNext,
  pageSize,
  pageSizes,
  onPageSizeChange,
}: DataTablePaginationProps & { rowsOnPage: number }) {
  const sizeId = useId();
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <div className="flex items-center gap-2">
        <label htmlFor={sizeId} className="text-muted-foreground">
          Rows per page
        </label>
        <Select id={sizeId} value={String(pageSize)} onChange={(e) => onPageSizeChange(Number(e.target.value))} className="w-20">
          {pageSizes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex items-center gap-2">
        <span aria-live="polite" className="text-muted-foreground">
          Page {page}
          {rowsOnPage > 0 ? ` · ${rowsOnPage} ${rowsOnPage === 1 ? "row" : "rows"}` : ""}
        </span>
        <Button variant="outline" size="sm" onClick={onPrevious} disabled={!canPrevious}>
          <ChevronLeft aria-hidden />
          Previous
        </Button>
        <Button variant="outline" size="sm" onClick={onNext} disabled={!canNext}>
          Next
          <ChevronRight aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
