import { toast } from "@/components/ui/toast";

/** Copies to the clipboard and says so in a toast (or says to copy by hand). */
export async function copyText(text: string, what: string) {
  try {
    await navigator.clipboard.writeText(text);
    toast.success(`${what} copied`);
  } catch {
    toast.error(`Could not copy the ${what.toLowerCase()}; select it and copy by hand.`);
  }
}
