/**
 * The CLI as a real child process (run from source through tsx): the one ready line, a config
 * error as one line on stderr with exit 1, and a graceful exit 0 on SIGTERM.
 */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
const tsxLoader = require.resolve('tsx')

function runCli(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', tsxLoader, 'src/server/cli.ts'], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const line = stdout.split('\n').find((l) => l.startsWith('Parley server listening on '))
      if (line) resolve(line)
    })
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)))
  })
  return { child, ready, exited, output: () => ({ stdout, stderr }) }
}

describe('npm run server (cli.ts)', () => {
  it('prints one ready line, serves, and exits 0 on SIGTERM', async () => {
    const cli = runCli({})
    const line = await cli.ready
    const match = /^Parley server listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line)
    const url = match?.[1]
    expect(url).toBeDefined()
    const health = await fetch(`${url ?? ''}/healthz`)
    expect(health.status).toBe(200)
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
    expect(cli.output().stdout.trim().split('\n')).toHaveLength(1)
  })

  it('stops with one line naming the variable on a bad configuration', async () => {
    const cli = runCli({ RTC_MAX_PARTICIPANTS: '42' })
    cli.ready.catch(() => {})
    expect(await cli.exited).toBe(1)
    const { stdout, stderr } = cli.output()
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(
      /^Parley server: RTC_MAX_PARTICIPANTS: must be a whole number from 2 to 10/,
    )
  })

  it('refuses an AUTH_SECRET shorter than 32 bytes at start, naming it', async () => {
    const cli = runCli({ AUTH_SECRET: 'password123' })
    cli.ready.catch(() => {})
    expect(await cli.exited).toBe(1)
    const { stdout, stderr } = cli.output()
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(/^Parley server: AUTH_SECRET: must be at least 32 bytes \(got 11\)/)
  })
})
