/**
 * A real, throwaway redis-server for tests: random port on 127.0.0.1, no persistence, its own temp
 * dir. Fails loudly when the binary is missing: no silent skip (CI installs the Debian package).
 * Binary: `process.env.REDIS_SERVER_PATH ?? 'redis-server'`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export interface RedisServer {
  host: string
  port: number
  url: string
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

function launch(bin: string, port: number, dir: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [
      '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
      '--dir', dir, '--daemonize', 'no', '--protected-mode', 'no', '--loglevel', 'notice',
    ], { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`redis-server did not become ready within 10 s:\n${output}`))
    }, 10_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        child.stdout?.resume()
        child.stderr?.resume()
        resolve(child)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(error.code === 'ENOENT'
        ? new Error(`redis-server not found (${bin}). Install it (apt-get install redis-server) or set REDIS_SERVER_PATH.`)
        : error)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`))
    })
  })
}

/** Starts redis-server on a random free port; retries a few ports if one is taken in between. */
export async function startRedis(): Promise<RedisServer> {
  const bin = process.env.REDIS_SERVER_PATH ?? 'redis-server'
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lumen-redis-'))
  let lastError: unknown
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort()
    let child: ChildProcess
    try {
      child = await launch(bin, port, dir)
    } catch (error) {
      lastError = error
      if (error instanceof Error && error.message.includes('not found')) break
      continue
    }
    return {
      host: '127.0.0.1',
      port,
      url: `redis://127.0.0.1:${port}`,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
          child.kill('SIGTERM')
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
          await exited
          clearTimeout(timer)
        }
        await rm(dir, { recursive: true, force: true })
      },
    }
  }
  await rm(dir, { recursive: true, force: true })
  throw lastError instanceof Error ? lastError : new Error(String(lastError))
}
