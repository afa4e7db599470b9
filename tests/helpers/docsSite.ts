/**
 * The built documentation site for tests: builds it when `docs/.vitepress/dist` is missing or older
 * than its sources, and serves it from a static server on 127.0.0.1 (port 0).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve } from 'node:path'

export const DOCS_DIST = resolve('docs/.vitepress/dist')

/** Newest modification time under `path` (files only), skipping build output and caches. */
export function newest(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let max = 0
  for (const entry of readdirSync(path)) {
    if (entry === 'dist' || entry === 'cache' || entry === 'node_modules') continue
    max = Math.max(max, newest(join(path, entry)))
  }
  return max
}

/** Builds the site unless a build newer than every source (docs/, src/components, src/testing) exists. */
export function ensureDocsBuilt(timeoutMs = 420_000): void {
  const index = join(DOCS_DIST, 'index.html')
  const sources = Math.max(newest(resolve('docs')), newest(resolve('src')))
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return
  // As readers get it: Vitest's NODE_ENV=test would leak into the build.
  const run = spawnSync('npx', ['vitepress', 'build', 'docs'], { encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NODE_ENV: 'production' } })
  if (run.status !== 0) throw new Error(`docs:build failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stdout}\n${run.stderr}`)
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
}

/** Serves `root` like a static host with clean URLs (`/guide/x` → `guide/x.html`). */
export async function serveStatic(root = DOCS_DIST): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname))
    const base = join(root, path)
    if (!base.startsWith(root)) return void res.writeHead(403).end()
    const candidates = path.endsWith('/') ? [join(base, 'index.html')] : [base, `${base}.html`, join(base, 'index.html')]
    const file = candidates.find((f) => existsSync(f) && statSync(f).isFile())
    if (!file) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file))
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok())
        server.closeAllConnections()
      }),
  }
}
