/**
 * The token key a single node generates when AUTH_SECRET is not set, kept in DATA_DIR so tokens
 * outlive a restart. The folder is made 0700 and the file 0600 (only the server's user reads
 * them); the file is created exclusively, so two processes starting at once agree on one key.
 */
import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { MIN_AUTH_SECRET_BYTES, ServerConfigError } from '../config'

export const SIGNING_KEY_FILE = 'auth-secret'

/** Creates the data folder (0700) if missing; warns when an existing one is open to others. */
export async function prepareDataDir(dataDir: string, log: (line: string) => void) {
  const created = await mkdir(dataDir, { recursive: true, mode: 0o700 }).catch(
    (error: NodeJS.ErrnoException) => {
      throw new ServerConfigError('DATA_DIR', `cannot create ${dataDir} (${error.code ?? 'error'})`)
    },
  )
  if (created !== undefined) {
    // mkdir's mode is filtered by the umask; make sure of it.
    await chmod(dataDir, 0o700)
    return
  }
  const mode = (await stat(dataDir)).mode & 0o777
  if ((mode & 0o077) !== 0) {
    log(`DATA_DIR ${dataDir} is readable by other users (mode ${mode.toString(8)}); chmod 700 it`)
  }
}

export async function loadOrCreateSigningKey(
  dataDir: string,
  log: (line: string) => void,
): Promise<Uint8Array> {
  await prepareDataDir(dataDir, log)
  const path = join(dataDir, SIGNING_KEY_FILE)
  try {
    await writeFile(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
    await chmod(path, 0o600)
    log(`AUTH_SECRET is not set: generated a token key in ${path}`)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EEXIST') {
      throw new ServerConfigError('DATA_DIR', `cannot write ${path} (${code ?? 'error'})`)
    }
  }
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new ServerConfigError('DATA_DIR', `cannot read ${path} (${code})`)
  }
  const key = Buffer.from(text.trim(), 'base64')
  if (!/^[A-Za-z0-9+/]+=*$/.test(text.trim()) || key.length < MIN_AUTH_SECRET_BYTES) {
    throw new ServerConfigError(
      'DATA_DIR',
      `${path} is not a token key (delete it to generate a new one; everyone signs in again)`,
    )
  }
  return new Uint8Array(key)
}
