/** The emulator "sends" e-mail into an outbox table, prints it, and serves it at `GET /__emulator/outbox`. */
import type { Emulator } from './context.js'
import { all, run } from './db.js'

export interface OutboxMessage {
  id: number
  to: string
  subject: string
  body: string
  /** The link the mail is about (reset, invitation), so tests can follow it. */
  link: string | null
  /** Its token, parsed from `link`. */
  token: string | null
  kind: 'password-reset' | 'invitation' | (string & {})
  createdAt: string
}

interface Row { id: number; to_email: string; subject: string; body: string; link: string | null; kind: string; created_at: string }

export function sendMail(e: Emulator, mail: { to: string; subject: string; body: string; link: string | null; kind: string }): void {
  run(e.db, 'INSERT INTO outbox (to_email, subject, body, link, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    mail.to, mail.subject, mail.body, mail.link, mail.kind, e.clock.iso())
  e.log(`[outbox] to ${mail.to}: ${mail.subject}${mail.link ? `\n         ${mail.link}` : ''}`)
}

export function listOutbox(e: Emulator, to?: string): OutboxMessage[] {
  const rows = to
    ? all<Row>(e.db, 'SELECT * FROM outbox WHERE to_email = ? COLLATE NOCASE ORDER BY id', to)
    : all<Row>(e.db, 'SELECT * FROM outbox ORDER BY id')
  return rows.map((r) => ({
    id: r.id,
    to: r.to_email,
    subject: r.subject,
    body: r.body,
    link: r.link,
    token: r.link ? new URL(r.link).searchParams.get('token') : null,
    kind: r.kind,
    createdAt: r.created_at,
  }))
}
