/**
 * The test switches work only in unpackaged builds: an installed Parley cannot be pointed at
 * another profile, fake devices or another server through its environment.
 */
import { describe, expect, it } from 'vitest'
import { resolveRunMode } from '../../../src/main/run-mode'

const testEnv = {
  PARLEY_TEST: '1',
  PARLEY_USER_DATA_DIR: '/tmp/parley-profile',
  PARLEY_TEST_MEDIA: '1',
  PARLEY_SERVER_URL: 'https://calls.example.test/?x=1#y',
}

describe('run mode', () => {
  it('honours every test switch in an unpackaged build', () => {
    expect(resolveRunMode({ isPackaged: false, env: testEnv })).toEqual({
      test: true,
      userDataDir: '/tmp/parley-profile',
      fakeMedia: true,
      serverUrlOverride: 'https://calls.example.test',
      warnings: [],
    })
  })

  it('ignores every test switch in a packaged build, and says which were set', () => {
    const mode = resolveRunMode({ isPackaged: true, env: testEnv })
    expect(mode).toMatchObject({
      test: false,
      userDataDir: null,
      fakeMedia: false,
      serverUrlOverride: null,
    })
    expect(mode.warnings).toEqual([
      'ignored in a packaged build: PARLEY_TEST, PARLEY_USER_DATA_DIR, PARLEY_TEST_MEDIA, PARLEY_SERVER_URL',
    ])
    expect(resolveRunMode({ isPackaged: true, env: {} }).warnings).toEqual([])
  })

  it('takes a profile folder only together with PARLEY_TEST=1', () => {
    const mode = resolveRunMode({
      isPackaged: false,
      env: { PARLEY_USER_DATA_DIR: '/tmp/elsewhere' },
    })
    expect(mode.userDataDir).toBeNull()
    expect(mode.test).toBe(false)
  })

  it('refuses a server override that is not http(s), with a warning', () => {
    for (const raw of ['file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      const mode = resolveRunMode({ isPackaged: false, env: { PARLEY_SERVER_URL: raw } })
      expect(mode.serverUrlOverride, raw).toBeNull()
      expect(mode.warnings, raw).toEqual(['PARLEY_SERVER_URL is not an http(s) URL; ignored'])
    }
  })
})
