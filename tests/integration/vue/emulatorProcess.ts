/**
 * The emulator in a child process, for tests that run in a DOM environment (happy-dom's globals
 * would replace the `URL`, `Request` and `fetch` the in-process emulator needs). Same API, same seed.
 */
import { spawn } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FaultSpec } from '../../../emulator/faults.js'
import type { LoginResponse } from '../../../src/contract/types.js'

export interface EmulatorProcess {
  url: string
  fault(spec: FaultSpec): Promise<void>
  clearFaults(): Promise<void>
  login(email: string, password: string): Promise<LoginResponse>
  close(): Promise<void>
}

// A string, not `new URL()`: in happy-dom `URL` is the DOM's, which node:url rejects.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..') + '/'

export async function spawnEmulator(): Promise<EmulatorProcess> {
  const child = spawn(`${root}node_modules/.bin/tsx`, ['emulator/cli.ts', '--port', '0', '--memory', '--cors-origin', '*', '--quiet'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`[test] emulator did not start in 20 s:\n${out}`)), 20_000)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const m = /URL\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => reject(new Error(`[test] emulator exited (${code}):\n${out}`)))
  })
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`[test] ${method} ${path}: ${res.status} ${await res.text()}`)
    return res.status === 204 ? null : res.json()
  }
  return {
    url,
    fault: async (spec) => void (await control('POST', '/__emulator/faults', spec)),
    clearFaults: async () => void (await control('DELETE', '/__emulator/faults')),
    login: (email, password) => control('POST', '/api/v1/auth/login', { email, password }) as Promise<LoginResponse>,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
