// Finds (or installs) the system programs the test suites need: a Chromium for browser tests and
// redis-server for the RedisCache tests. Honours CHROMIUM_PATH / REDIS_SERVER_PATH for other machines.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0

function which(bin) {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim() : null
}

function aptInstall(pkg) {
  if (!isRoot || !which('apt-get')) return false
  console.log(`[lumen-account] installing ${pkg} with apt-get…`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  spawnSync('apt-get', ['update'], { stdio: 'ignore', env })
  return spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { stdio: 'inherit', env }).status === 0
}

function playwrightChromium() {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright')
  if (!existsSync(root)) return null
  for (const dir of readdirSync(root).filter((d) => d.startsWith('chromium')).sort().reverse()) {
    for (const rel of ['chrome-linux/chrome', 'chrome-linux64/chrome', 'chrome-mac/Chromium.app/Contents/MacOS/Chromium']) {
      const p = join(root, dir, rel)
      if (existsSync(p)) return p
    }
  }
  return null
}

/** Path of a Chromium binary, installing one when possible; throws with the exact command otherwise. */
export function ensureChromium() {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv
    throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`)
  }
  const found = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'].map(which).find(Boolean) ?? playwrightChromium()
  if (found) return found
  if (aptInstall('chromium')) return which('chromium')
  const r = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' })
  if (r.status === 0 && playwrightChromium()) return playwrightChromium()
  throw new Error(
    'No Chromium found. Install one, then rerun:\n' +
      '  Debian/Ubuntu (root): apt-get update && apt-get install -y chromium\n' +
      '  elsewhere:            npx playwright install chromium\n' +
      '  or point CHROMIUM_PATH at an existing Chrome/Chromium binary.',
  )
}

/** Path of redis-server, installing it when possible; null when unavailable (its tests then fail loudly). */
export function ensureRedis() {
  const fromEnv = process.env.REDIS_SERVER_PATH
  if (fromEnv && existsSync(fromEnv)) return fromEnv
  const found = which('redis-server')
  if (found) return found
  if (aptInstall('redis-server')) return which('redis-server')
  throw new Error(
    'redis-server not found. Install it, then rerun:\n' +
      '  Debian/Ubuntu (root): apt-get update && apt-get install -y redis-server\n' +
      '  macOS:                brew install redis\n' +
      '  or point REDIS_SERVER_PATH at a redis-server binary.',
  )
}
