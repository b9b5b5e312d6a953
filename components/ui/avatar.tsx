import { cn } from "./cn";

export function initials(name: string | null | undefined, fallback = "?") {
  const parts = (name ?? "").trim().split(/[\s@._-]+/).filter(Boolean);
  if (parts.length === 0) return fallback;
  const first = parts[0][0] ?? "";
  const second = parts.length > 1 ? (parts[parts.length - 1][0] ?? "") : "";
  return (first + second).toUpperCase();
}

const sizes = { sm: "size-6 text-[10px]", default: "size-8 text-xs", lg: "size-10 text-sm" } as const;

/**
 * Zero-JS avatar: the initials sit underneath and the image is layered on top.
 * A broken <img> is not a replaced element, so its ::before renders and covers
 * the broken-image icon with the initials; no onError handler, so this stays a
 * server component.
 */
export function Avatar({
  name,
  src,
  size = "default",
  className,
}: {
  name: string | null | undefined;
  src?: string | null;
  size?: keyof typeof sizes;
  className?: string;
}) {
  const text = initials(name);
  return (
    <span
      role="img"
      aria-label={name ?? "Avatar"}
      data-initials={text}
      className={cn(
        // Initials as generated content, not text: a button or link around the avatar keeps its own
        // accessible name without "visible text" it does not contain (WCAG 2.5.3 Label in Name).
        "relative inline-flex shrink-0 select-none items-center justify-center overflow-hidden rounded-full bg-muted font-medium text-muted-foreground before:content-[attr(data-initials)]",
        sizes[size],
        className,
      )}
    >
      {src ? (
        // Remote avatars come from arbitrary hosts, so next/image is not an option.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={src}
          alt=""
          loading="lazy"
          decoding="async"
          referrerPolicy="no-referrer"
          data-initials={text}
          className="absolute inset-0 size-full object-cover text-transparent before:absolute before:inset-0 before:flex before:items-center before:justify-center before:bg-muted before:text-muted-foreground before:content-[attr(data-initials)]"
        />
      ) : null}
    </span>
  );
}
