/**
 * The Vitest side of `bootEmulator`: one emulator per test file, with the usual per-test hooks.
 * (emulator.ts stays free of test-runner imports; this file is for Vitest suites only.)
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { bootEmulator, type StartEmulatorOptions, type TestEmulator } from './emulator.js'

export interface EmulatorSuiteOptions extends StartEmulatorOptions {
  /** `emu.reset()` before each test. */
  resetBeforeEach?: boolean
  /** `emu.clearFaults()` after each test. */
  clearFaultsAfterEach?: boolean
}

/**
 * Boot an emulator before this file's first test and close it after its last. Returns a stand-in
 * that forwards to the running emulator, so use it in hooks and tests, not at import time.
 */
export function useEmulator(options: EmulatorSuiteOptions = {}): TestEmulator {
  const { resetBeforeEach, clearFaultsAfterEach, ...boot } = options
  let running: TestEmulator | undefined
  beforeAll(async () => {
    running = await bootEmulator(boot)
  })
  afterAll(async () => {
    await running?.close()
  })
  if (resetBeforeEach) beforeEach(() => running!.reset())
  if (clearFaultsAfterEach) afterEach(() => running!.clearFaults())
  return new Proxy({} as TestEmulator, {
    get(_, key) {
      if (!running) throw new Error(`emulator used before it booted (reading ${String(key)})`)
      return Reflect.get(running, key)
    },
  })
}
