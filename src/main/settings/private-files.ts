/**
 * Files only the signed-in OS user may read: the settings file (it holds safeStorage ciphertext
 * and which account to restore) and the embedded server's data folder (its signing key). Folders
 * Parley creates are 0700 and its files 0600; a file an older version left readable by others is
 * narrowed when Parley opens it. Windows has no POSIX modes; there the calls are harmless no-ops.
 */
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs'

export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_FOLDER_MODE = 0o700

/** Creates `folder` (and missing parents) as 0700 when it does not exist yet; returns it. */
export function ensurePrivateFolder(folder: string): string {
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE })
  return folder
}

/** Narrows an existing file to 0600 when group or others could read or write it. */
export function restrictToOwner(file: string): void {
  if (!existsSync(file)) return
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE_MODE)
}
