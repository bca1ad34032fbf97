/**
 * How this run was started, from the environment. The test switches (a throwaway profile, fake
 * media devices, a server forced from the environment, the "ready" line on stdout) exist for
 * development and the end-to-end tests only: a packaged Parley ignores them, so nothing in a
 * person's environment can point their installed app at another profile or server.
 */

export interface RunMode {
  /** PARLEY_TEST=1: print `[parley] ready` on load and leave the OS's link handler alone. */
  test: boolean
  /** PARLEY_USER_DATA_DIR (with PARLEY_TEST=1): a fresh profile folder per test. */
  userDataDir: string | null
  /** PARLEY_TEST_MEDIA=1: Chromium's fake camera, microphone and media prompts. */
  fakeMedia: boolean
  /** PARLEY_SERVER_URL: the server for this run, ahead of the settings (normalised http(s)). */
  serverUrlOverride: string | null
  /** Why a set variable was not honoured, for the log. */
  warnings: string[]
}

export const TEST_SWITCHES = [
  'PARLEY_TEST',
  'PARLEY_USER_DATA_DIR',
  'PARLEY_TEST_MEDIA',
  'PARLEY_SERVER_URL',
] as const

export function resolveRunMode(input: {
  isPackaged: boolean
  env: Readonly<Record<string, string | undefined>>
}): RunMode {
  const { env } = input
  const warnings: string[] = []
  if (input.isPackaged) {
    const set = TEST_SWITCHES.filter((name) => env[name] !== undefined && env[name] !== '')
    if (set.length > 0) warnings.push(`ignored in a packaged build: ${set.join(', ')}`)
    return { test: false, userDataDir: null, fakeMedia: false, serverUrlOverride: null, warnings }
  }
  const test = env.PARLEY_TEST === '1'
  return {
    test,
    userDataDir: test && env.PARLEY_USER_DATA_DIR ? env.PARLEY_USER_DATA_DIR : null,
    fakeMedia: env.PARLEY_TEST_MEDIA === '1',
    serverUrlOverride: parseServerOverride(env.PARLEY_SERVER_URL, warnings),
    warnings,
  }
}

function parseServerOverride(raw: string | undefined, warnings: string[]): string | null {
  if (!raw) return null
  try {
    const url = new URL(raw)
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      url.hash = ''
      url.search = ''
      url.username = ''
      url.password = ''
      return url.href.replace(/\/+$/, '')
    }
  } catch {
    // Reported below.
  }
  warnings.push('PARLEY_SERVER_URL is not an http(s) URL; ignored')
  return null
}
