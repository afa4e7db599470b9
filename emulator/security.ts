/**
 * Passwords (scrypt), opaque tokens (random, stored as SHA-256), access tokens (HS256 JWT, jose)
 * and sealed boxes (AES-256-GCM) for values only the holder of another secret may open again.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose'

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 }

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }, (err, key) =>
      err ? reject(err) : resolve(key),
    )
  })
}

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scryptAsync(password, salt)
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, , , , salt, hash] = stored.split('$')
  if (alg !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'))
  return key.length === expected.length && timingSafeEqual(key, expected)
}

let dummyHash: Promise<string> | undefined
/** Spend the same time on an unknown email as on a wrong password: no account enumeration by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('lumen-dummy-password')
  await verifyPassword(password, await dummyHash)
}

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex')

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url')

/** `prefix_` + 16 random base32-ish characters. */
export function newId(prefix: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  const bytes = randomBytes(16)
  let out = ''
  for (const b of bytes) out += alphabet[b % alphabet.length]
  return `${prefix}_${out}`
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(sha256(a))
  const y = Buffer.from(sha256(b))
  return timingSafeEqual(x, y)
}

/** Seal `plain` with a key derived from `secret` (AES-256-GCM): `iv.tag.ciphertext`, base64url. */
export function seal(plain: string, secret: string): string {
  const key = createHash('sha256').update(`lumen-seal:${secret}`).digest()
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.')
}

export function unseal(box: string, secret: string): string | null {
  try {
    const [iv, tag, data] = box.split('.').map((p) => Buffer.from(p, 'base64url'))
    if (!iv || !tag || !data) return null
    const key = createHash('sha256').update(`lumen-seal:${secret}`).digest()
    const decipher = createDecipheriv('aes-256-gcm', key, iv)
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}

export interface AccessClaims {
  sub: string
  sid: string
  iat: number
  exp: number
  /** Token generation: `POST /__emulator/expire-tokens` bumps it and older tokens count as expired. */
  gen: number
}

const ISSUER = 'lumen-emulator'

export async function signAccessToken(
  secret: Uint8Array,
  claims: { sub: string; sid: string; gen: number },
  nowMs: number,
  ttlMs: number,
): Promise<{ token: string; expiresAt: number }> {
  const iat = Math.floor(nowMs / 1000)
  const exp = Math.floor((nowMs + ttlMs) / 1000)
  const token = await new SignJWT({ sid: claims.sid, gen: claims.gen })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(secret)
  return { token, expiresAt: exp * 1000 }
}

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: 'expired' | 'invalid' }

export async function verifyAccessToken(secret: Uint8Array, token: string, now: Date): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], issuer: ISSUER, currentDate: now })
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return { ok: false, reason: 'invalid' }
    return {
      ok: true,
      claims: { sub: payload.sub, sid: payload.sid, iat: payload.iat ?? 0, exp: payload.exp ?? 0, gen: Number(payload.gen ?? 0) },
    }
  } catch (err) {
    return { ok: false, reason: err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' }
  }
}
