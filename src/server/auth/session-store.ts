/**
 * Sign-in sessions, one per login. Every token of a session carries its id (`sid`); refresh tokens
 * also carry a generation, which rotation advances by one. A refresh token from an older
 * generation is a reuse (someone kept a copy), and revokes the whole session: the thief's chain
 * and the owner's die together, and so do the access tokens and sockets of that session.
 *
 * State is one small record per session, not one per refresh, kept until the session's last
 * refresh token would have expired anyway. A session this store never saw (its state was lost)
 * is adopted at the generation presented: the signature already proved the token is ours.
 */
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { RedisClient } from '../redis-client'

export type RotateOutcome = 'rotated' | 'reused' | 'revoked'

export interface SessionStore {
  /** Advances the session from `generation` to the next, atomically (one of two racers wins). */
  rotate(sid: string, generation: number, expiresAtSeconds: number): Promise<RotateOutcome>
  /** Ends the session: its refresh and access tokens are refused from now on. */
  revoke(sid: string, expiresAtSeconds: number): Promise<void>
  isRevoked(sid: string): Promise<boolean>
  close(): Promise<void>
}

interface SessionRecord {
  generation: number
  expiresAt: number
  revoked: boolean
}

const sessionFileSchema = z.object({
  version: z.literal(1),
  sessions: z.record(
    z.string(),
    z.object({ generation: z.number().int().min(0), expiresAt: z.number(), revoked: z.boolean() }),
  ),
})

export class MemorySessionStore implements SessionStore {
  protected readonly sessions = new Map<string, SessionRecord>()
  private operations = 0

  constructor(protected readonly now: () => number = Date.now) {}

  async rotate(sid: string, generation: number, expiresAtSeconds: number): Promise<RotateOutcome> {
    this.sweepSometimes()
    const record = this.sessions.get(sid)
    if (record?.revoked) return 'revoked'
    if (record && record.generation !== generation) {
      record.revoked = true
      this.changed()
      return 'reused'
    }
    this.sessions.set(sid, {
      generation: generation + 1,
      expiresAt: expiresAtSeconds,
      revoked: false,
    })
    this.changed()
    return 'rotated'
  }

  async revoke(sid: string, expiresAtSeconds: number): Promise<void> {
    const record = this.sessions.get(sid)
    this.sessions.set(sid, {
      generation: record?.generation ?? 0,
      expiresAt: Math.max(record?.expiresAt ?? 0, expiresAtSeconds),
      revoked: true,
    })
    this.changed()
  }

  async isRevoked(sid: string): Promise<boolean> {
    return this.sessions.get(sid)?.revoked ?? false
  }

  async close(): Promise<void> {
    this.sessions.clear()
  }

  /** Called after every change; the file-backed store saves. */
  protected changed(): void {}

  protected sweep(): void {
    const nowSeconds = this.now() / 1000
    for (const [sid, record] of this.sessions) {
      if (record.expiresAt < nowSeconds) this.sessions.delete(sid)
    }
  }

  private sweepSometimes(): void {
    if (++this.operations % 500 === 0) this.sweep()
  }
}

/**
 * The single-node store, kept in `DATA_DIR/sessions.json` (0600) so sign-ins, rotations and
 * sign-outs survive a restart. Saves are coalesced: one write per burst of changes, always
 * through a temporary file and a rename so a crash mid-write never leaves half a file.
 */
export class FileSessionStore extends MemorySessionStore {
  static readonly FILE_NAME = 'sessions.json'
  private readonly path: string
  private saveTimer: NodeJS.Timeout | null = null
  private saving: Promise<void> = Promise.resolve()
  private closed = false

  constructor(
    private readonly dataDir: string,
    private readonly log: (line: string) => void,
    now: () => number = Date.now,
  ) {
    super(now)
    this.path = join(dataDir, FileSessionStore.FILE_NAME)
    this.load()
  }

  override async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    if (this.saveTimer) clearTimeout(this.saveTimer)
    this.saveTimer = null
    await this.save()
    await super.close()
  }

  protected override changed(): void {
    if (this.closed || this.saveTimer) return
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null
      void this.save()
    }, 50)
  }

  private load(): void {
    let text: string
    try {
      text = readFileSync(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.log(`sessions: cannot read ${this.path}; starting with none`)
      }
      return
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = null
    }
    const parsed = sessionFileSchema.safeParse(json)
    if (!parsed.success) {
      // Unknown sessions are adopted on their next refresh, so losing the file signs nobody out.
      this.log(`sessions: ${this.path} is not a sessions file; starting with none`)
      return
    }
    for (const [sid, record] of Object.entries(parsed.data.sessions)) this.sessions.set(sid, record)
    this.sweep()
  }

  private save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      this.sweep()
      const text = JSON.stringify({ version: 1, sessions: Object.fromEntries(this.sessions) })
      const temporary = `${this.path}.${process.pid}.tmp`
      try {
        await mkdir(this.dataDir, { recursive: true, mode: 0o700 })
        await writeFile(temporary, text, { mode: 0o600 })
        await chmod(temporary, 0o600)
        await rename(temporary, this.path)
      } catch (error) {
        this.log(
          `sessions: cannot save ${this.path}: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
    })
    return this.saving
  }
}

/** One hash per session across every node; the check-and-advance is one Lua script. */
const ROTATE_SCRIPT = `
local revoked = redis.call('HGET', KEYS[1], 'revoked')
if revoked == '1' then return 'revoked' end
local generation = redis.call('HGET', KEYS[1], 'generation')
if generation and tonumber(generation) ~= tonumber(ARGV[1]) then
  redis.call('HSET', KEYS[1], 'revoked', '1')
  return 'reused'
end
redis.call('HSET', KEYS[1], 'generation', tonumber(ARGV[1]) + 1, 'revoked', '0')
redis.call('EXPIREAT', KEYS[1], ARGV[2])
return 'rotated'
`

export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = 'parley:session:',
  ) {}

  async rotate(sid: string, generation: number, expiresAtSeconds: number): Promise<RotateOutcome> {
    const reply = await this.redis.eval(ROTATE_SCRIPT, {
      keys: [this.prefix + sid],
      arguments: [String(generation), String(Math.ceil(expiresAtSeconds))],
    })
    return reply === 'rotated' || reply === 'reused' ? reply : 'revoked'
  }

  async revoke(sid: string, expiresAtSeconds: number): Promise<void> {
    const key = this.prefix + sid
    await this.redis.hSet(key, 'revoked', '1')
    // Never shortens a later expiry set by a rotation.
    await this.redis.expireAt(key, Math.ceil(expiresAtSeconds), 'GT')
    await this.redis.expireAt(key, Math.ceil(expiresAtSeconds), 'NX')
  }

  async isRevoked(sid: string): Promise<boolean> {
    return (await this.redis.hGet(this.prefix + sid, 'revoked')) === '1'
  }

  async close(): Promise<void> {
    // The client belongs to the server, which closes it.
  }
}
