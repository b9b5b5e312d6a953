"use client";

import { Copy } from "lucide-react";
import { Button } from "@/components/ui/button";
import { copyText } from "./copy-text";

export function CopyButton({ value, label }: { value: string; label: string }) {
  return (
    <Button variant="ghost" size="icon" className="size-7" aria-label={`Copy ${label.toLowerCase()}`} onClick={() => void copyText(value, label)}>
      <Copy aria-hidden />
    </Button>
  );
}
