// The emulator's own controls (`GET /__emulator`, emulator only, never part of the Lumen API):
// the playground reads the seeded invitation link from there to show it on the sign-in page.
import { ref } from 'vue'

const base = import.meta.env.VITE_LUMEN_URL ?? 'http://127.0.0.1:4010'

/** The open seeded invitation, or `null` (used, expired, or not talking to the emulator). */
export const invitation = ref<{ email: string; path: string } | null>(null)

export async function loadInvitation(): Promise<void> {
  try {
    const res = await fetch(`${base}/__emulator`, { signal: AbortSignal.timeout(5_000) })
    const body = res.ok ? ((await res.json()) as { invitation?: { email: string; link: string } | null }) : null
    const link = body?.invitation ? new URL(body.invitation.link) : null
    // Only the path and query: the link's origin is the emulator's --app-url, the page may run elsewhere.
    invitation.value = link && body?.invitation ? { email: body.invitation.email, path: link.pathname + link.search } : null
  } catch {
    invitation.value = null
  }
}
