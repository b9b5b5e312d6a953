import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/server/auth-options";

// next-auth reads its options per request so env validation happens at run time, not build time.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(getAuthOptions())(req, ctx);
}

export { handler as GET, handler as POST };
