/**
 * Headers and origins: nosniff on the API, no-store on sign-in, and ALLOWED_ORIGINS, which lets
 * the desktop's embedded server accept only its own pages: another site's page can neither call
 * the API nor open a socket, on HTTP or through the Socket.IO handshake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_PATHS } from '../../src/shared/protocol'
import { connectSocket, login, startTestServer, type TestServer } from './helpers'

function socketOutcome(url: string, token: string, origin?: string): Promise<string> {
  const socket = connectSocket(url, token, origin ? { extraHeaders: { origin } } : {})
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.disconnect()
      resolve('connected')
    })
    socket.once('connect_error', (error) => {
      socket.disconnect()
      resolve(`refused: ${error.message}`)
    })
  })
}

describe('API headers', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('sends nosniff on API responses and no-store on every sign-in route', async () => {
    const info = await fetch(server.url + API_PATHS.serverInfo)
    expect(info.headers.get('x-content-type-options')).toBe('nosniff')
    for (const path of [API_PATHS.login, API_PATHS.refresh, API_PATHS.logout]) {
      const response = await fetch(server.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'Ann' }),
      })
      expect(response.headers.get('cache-control'), path).toBe('no-store')
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
    }
  })

  it('lets any origin in when ALLOWED_ORIGINS is unset', async () => {
    const response = await fetch(server.url + API_PATHS.serverInfo, {
      headers: { origin: 'http://elsewhere.example:3000' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    const auth = await login(server.url, 'Ann')
    expect(await socketOutcome(server.url, auth.accessToken, 'http://elsewhere.example')).toBe(
      'connected',
    )
  })
})

describe('ALLOWED_ORIGINS', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ ALLOWED_ORIGINS: 'self,app://parley' })
  })
  afterAll(async () => {
    await server.close()
  })

  it('refuses another site’s page on every HTTP route, preflight included', async () => {
    for (const origin of [
      'http://evil.example',
      // A rebinding domain that resolves to 127.0.0.1 still has its own origin.
      `http://rebind.example:${server.port}`,
      'null',
    ]) {
      const login = await fetch(server.url + API_PATHS.login, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ username: 'Mallory' }),
      })
      expect(login.status, origin).toBe(403)
      const preflight = await fetch(server.url + API_PATHS.login, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      })
      expect(preflight.status).toBe(403)
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
      const page = await fetch(server.url + '/', { headers: { origin } })
      expect(page.status).toBe(403)
    }
  })

  it('allows its own origins and the listed ones, echoing the origin for CORS', async () => {
    for (const origin of [server.url, `http://localhost:${server.port}`, 'app://parley']) {
      const response = await fetch(server.url + API_PATHS.login, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ username: 'Ann' }),
      })
      expect(response.status, origin).toBe(200)
      expect(response.headers.get('access-control-allow-origin')).toBe(origin)
      expect(response.headers.get('vary')).toContain('Origin')
    }
    // Programs that send no Origin are not another site's page.
    expect((await login(server.url, 'Cli')).user.displayName).toBe('Cli')
  })

  it('refuses the Socket.IO handshake from another origin, even with a valid token', async () => {
    const auth = await login(server.url, 'Ann')
    expect(await socketOutcome(server.url, auth.accessToken, 'http://evil.example')).toMatch(
      /^refused/,
    )
    expect(await socketOutcome(server.url, auth.accessToken, 'app://parley')).toBe('connected')
    expect(await socketOutcome(server.url, auth.accessToken, server.url)).toBe('connected')
    expect(await socketOutcome(server.url, auth.accessToken)).toBe('connected')
  })
})
