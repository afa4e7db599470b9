/**
 * `--seed file.json` / `startEmulator({ seedData })`: a team's own users, organizations and
 * licenses, beside the demo data or instead of it, survive a reset, and a mistake names its field.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { SeedError, type EmulatorSeed } from '../../emulator/index.js'
import { bootEmulator, type TestEmulator } from '../helpers/emulator.js'

const TEAM: EmulatorSeed = {
  users: [
    { email: 'Eve@Example.test', password: 'eve-secret-1', firstName: 'Eve', lastName: 'Example' },
    { email: 'finn@example.test' },
  ],
  organizations: [
    { name: 'Example Ltd', members: [{ email: 'eve@example.test', role: 'owner' }, { email: 'demo@lumen.test', role: 'member' }] },
  ],
  licenses: [
    { organization: 'example-ltd', product: 'lumen-hr', tier: 'enterprise', unitCount: 50, usage: { seats: 7 } },
    { organization: 'org_globex', product: 'lumen-hr', tier: 'pro' },
  ],
}

const running: TestEmulator[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()))
})
async function boot(seedData: EmulatorSeed): Promise<TestEmulator> {
  const e = await bootEmulator({ seedData })
  running.push(e)
  return e
}

describe('a seed file', () => {
  it("adds the team's users, organizations and licenses to the demo data, and a reset keeps them", async () => {
    // Globex has a demo license already: the file may not add a second.
    await expect(bootEmulator({ seedData: TEAM })).rejects.toThrow('licenses[1]: globex has a lumen-hr license already')
    const emu = await boot({ ...TEAM, licenses: TEAM.licenses!.slice(0, 1) })

    const eve = await emu.login('eve@example.test', 'eve-secret-1')
    expect(eve.user).toMatchObject({ email: 'eve@example.test', firstName: 'Eve', lastName: 'Example' })
    const me = await emu.api('GET', '/auth/me', { token: eve.accessToken })
    expect(me.body.organizations).toEqual([expect.objectContaining({ id: 'org_example-ltd', name: 'Example Ltd', slug: 'example-ltd', role: 'owner' })])
    const license = await emu.api('GET', '/licenses/lumen-hr', { token: eve.accessToken, org: 'org_example-ltd' })
    expect(license.body).toMatchObject({ valid: true, status: 'active', tier: 'enterprise', unitCount: 50, usage: { seats: 7 } })

    // A user without a password gets the demo one; a demo user can be a member.
    expect((await emu.login('finn@example.test', 'lumen-demo-pass')).user.email).toBe('finn@example.test')
    const demo = await emu.login('demo')
    const demoOrgs = (await emu.api('GET', '/auth/me', { token: demo.accessToken })).body.organizations as { id: string }[]
    expect(demoOrgs.map((o) => o.id).sort()).toEqual(['org_acme', 'org_example-ltd', 'org_globex'])

    await emu.reset()
    expect((await emu.login('eve@example.test', 'eve-secret-1')).user.email).toBe('eve@example.test')
  })

  it('with "demo": false holds only the team (and the product catalog)', async () => {
    const emu = await boot({ ...TEAM, demo: false, organizations: [{ ...TEAM.organizations![0]!, members: [{ email: 'eve@example.test', role: 'owner' }] }], licenses: TEAM.licenses!.slice(0, 1) })
    expect((await emu.api('POST', '/auth/login', { body: { email: 'demo@lumen.test', password: 'lumen-demo-pass' } })).status).toBe(401)
    const eve = await emu.login('eve@example.test', 'eve-secret-1')
    expect((await emu.api('GET', '/licenses/lumen-hr', { token: eve.accessToken, org: 'org_example-ltd' })).body).toMatchObject({ tier: 'enterprise' })
  })

  it('a mistake rejects with a SeedError naming the field, before anything starts', async () => {
    const cases: [unknown, string][] = [
      [{ users: [{ password: 'long-enough' }] }, 'users[0].email: expected a non-empty string'],
      [{ users: [{ email: 'a@x.test', password: 'short' }] }, 'users[0].password: at least 8 characters'],
      [{ organizations: [{ name: 'X', members: [{ email: 'a@x.test', role: 'boss' }] }] }, 'organizations[0].members[0].role: one of owner, admin, member'],
      [{ organizations: [{ name: 'X', members: [{ email: 'nobody@x.test', role: 'owner' }] }] }, 'organizations[0].members[0].email: no user nobody@x.test'],
      [{ licenses: [{ organization: 'acme', product: 'lumen-pos', tier: 'pro' }] }, 'licenses[0].product: one of lumen-hr, lumen-crm'],
      [{ licenses: [{ organization: 'acme', product: 'lumen-hr', tier: 'gold' }] }, 'licenses[0].tier: one of'],
      [{ licenses: [{ organization: 'initech', product: 'lumen-hr', tier: 'pro' }] }, 'licenses[0].organization: no organization initech'],
      [{ users: [{ email: 'demo@lumen.test' }] }, 'users[0].email: demo@lumen.test is a demo user already'],
      [{ user: [] }, 'user: unknown field'],
    ]
    for (const [seedData, message] of cases) {
      const failed = await bootEmulator({ seedData: seedData as EmulatorSeed }).then((e) => e.close().then(() => null), (err: unknown) => err)
      expect(failed, message).toBeInstanceOf(SeedError)
      expect((failed as Error).message).toContain(message)
    }
  })
})

describe('npm run emulator -- --seed file.json', () => {
  const ROOT = fileURLToPath(new URL('../..', import.meta.url))
  const dir = mkdtempSync(join(tmpdir(), 'lumen-seed-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('names the file and the field of a mistake, and exits 2', async () => {
    const file = join(dir, 'team.json')
    writeFileSync(file, JSON.stringify({ licenses: [{ organization: 'acme', product: 'lumen-hr', tier: 'gold' }] }))
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'emulator/cli.ts'), '--memory', '--port', '0', '--seed', file], { cwd: dir })
    let out = ''
    child.stderr.on('data', (d: Buffer) => (out += d))
    child.stdout.on('data', (d: Buffer) => (out += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)))
    clearTimeout(timer)
    expect(code).toBe(2)
    expect(out).toContain(`--seed ${file}: licenses[0].tier: one of`)
  })
})
