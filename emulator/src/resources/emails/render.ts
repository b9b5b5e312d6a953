import { Errors } from "../../errors";

// Rendering is a simple deterministic stand-in, not a TSX compiler: the "subject" is taken
// from `<Subject value=…>` in the source, the body is the text content of the source's JSX
// (tags stripped), wrapped in the theme's background/foreground colours. A template without
// `<Subject` or `<NotificationCategory` fails with EMAIL_RENDERING_ERROR, like real servers.

function subjectOf(tsx: string): string | null {
  const m = /<Subject\s+value=\{?\s*(?:`([^`]*)`|"([^"]*)"|'([^']*)')/.exec(tsx);
  return m ? (m[1] ?? m[2] ?? m[3] ?? "") : null;
}

function textOf(tsx: string): string[] {
  const out: string[] = [];
  const re = />([^<>{}]+)</g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tsx))) {
    const t = m[1]!.trim();
    if (t) out.push(t);
  }
  return out;
}

const escapeHtml = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function themeColors(tsx: string | null) {
  if (tsx === null) return null;
  const bg = /backgroundColor:\s*"([^"]+)"/.exec(tsx)?.[1] ?? "#ffffff";
  const fg = /color:\s*"([^"]+)"/.exec(tsx.replace(/backgroundColor/g, ""))?.[1] ?? "#111827";
  return { bg, fg };
}

function substitute(text: string, vars: Record<string, string>) {
  return text.replace(/\$\{\s*([a-zA-Z_.]+)\s*\}/g, (all, name: string) => (name in vars ? vars[name]! : all));
}

export function renderEmail(opts: { templateTsx: string; themeTsx: string | null; vars?: Record<string, string>; requireMeta?: boolean; editableMarkers?: boolean }) {
  const vars = opts.vars ?? {};
  if (opts.requireMeta !== false) {
    if (subjectOf(opts.templateTsx) === null) throw Errors.emailRenderingError("Subject is required");
    if (!/<NotificationCategory\b/.test(opts.templateTsx)) throw Errors.emailRenderingError("NotificationCategory is required");
  }
  const subject = substitute(subjectOf(opts.templateTsx) ?? "", vars);
  const paragraphs = textOf(opts.templateTsx).map((t) => `<p>${escapeHtml(substitute(t, vars))}</p>`);
  const content = opts.editableMarkers ? `<div data-editable-region="template">${paragraphs.join("")}</div>` : paragraphs.join("");
  const colors = themeColors(opts.themeTsx);
  const html = colors
    ? `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="background-color:${colors.bg};color:${colors.fg};font-family:sans-serif"><div>${content}</div></body></html>`
    : `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${content}</body></html>`;
  return { subject, html };
}
