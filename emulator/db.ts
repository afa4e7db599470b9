/**
 * SQLite through better-sqlite3: WAL, foreign keys, plain SQL migrations tracked by
 * `PRAGMA user_version`, and a per-database cache of prepared statements.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'

export type Db = Database.Database
type Params = unknown[] | [Record<string, unknown>]

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url))
export const DB_FILE = 'lumen.db'

/** Open (creating when needed) the database: in memory, or `<dataDir>/lumen.db`. */
export function openDatabase(options: { memory: boolean; dataDir: string; reset?: boolean }): Db {
  let db: Db
  if (options.memory) {
    db = new Database(':memory:')
  } else {
    mkdirSync(options.dataDir, { recursive: true })
    const file = join(options.dataDir, DB_FILE)
    if (options.reset) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
    db = new Database(file)
    db.pragma('journal_mode = WAL')
  }
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 2000')
  migrate(db)
  return db
}

/** Apply every `NNN_name.sql` file whose number is above `user_version`, each in a transaction. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d+_.*\.sql$/.test(f)).sort()
  for (const file of files) {
    const version = Number.parseInt(file, 10)
    if (version <= current) continue
    const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8')
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${version}`)
    })()
  }
}

const cache = new WeakMap<Db, Map<string, Database.Statement>>()

/** A prepared statement, compiled once per database. */
export function stmt(db: Db, sql: string): Database.Statement {
  let map = cache.get(db)
  if (!map) cache.set(db, (map = new Map()))
  let s = map.get(sql)
  if (!s) map.set(sql, (s = db.prepare(sql)))
  return s
}

export function one<T>(db: Db, sql: string, ...params: Params): T | undefined {
  return stmt(db, sql).get(...params) as T | undefined
}

export function all<T>(db: Db, sql: string, ...params: Params): T[] {
  return stmt(db, sql).all(...params) as T[]
}

export function run(db: Db, sql: string, ...params: Params): Database.RunResult {
  return stmt(db, sql).run(...params)
}

/** Tables holding data (not the schema): what `reset` empties before seeding again. */
export function wipe(db: Db): void {
  const tables = all<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
  db.pragma('foreign_keys = OFF')
  db.transaction(() => {
    for (const { name } of tables) db.exec(`DELETE FROM "${name}"`)
  })()
  db.pragma('foreign_keys = ON')
}
