import { Badge } from "@/components/ui/badge";
import type { AuthMethod } from "@/lib/users-dto";

const PROVIDER_NAMES: Record<string, string> = {
  google: "Google",
  github: "GitHub",
  microsoft: "Microsoft",
  apple: "Apple",
  facebook: "Facebook",
  discord: "Discord",
  gitlab: "GitLab",
  bitbucket: "Bitbucket",
  linkedin: "LinkedIn",
  spotify: "Spotify",
  twitch: "Twitch",
  x: "X",
};

export function authMethodLabel(m: AuthMethod): string {
  if (m === "password") return "password";
  if (m === "otp") return "magic link";
  if (m === "passkey") return "passkey";
  const id = m.slice("oauth:".length);
  return PROVIDER_NAMES[id] ?? id;
}

export function AuthMethodBadges({ methods }: { methods: AuthMethod[] }) {
  if (methods.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Sign-in methods">
      {methods.map((m) => (
        <li key={m}>
          <Badge variant={m.startsWith("oauth:") ? "outline" : "secondary"}>{authMethodLabel(m)}</Badge>
        </li>
      ))}
    </ul>
  );
}
