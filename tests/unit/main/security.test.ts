/** Window hardening, the CSP, the permission table and the app:// file server. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_ORIGIN, isPageOfOrigin, resolvePageOrigin } from '../../../src/main/app-paths'
import { createAppProtocolHandler, resolveAppFile } from '../../../src/main/app-protocol'
import {
  buildContentSecurityPolicy,
  installContentSecurityPolicy,
  serverOrigins,
  type WebRequestLike,
} from '../../../src/main/security/content-security-policy'
import {
  ALLOWED_PERMISSIONS,
  decidePermission,
  installPermissionHandlers,
  type PermissionSessionLike,
} from '../../../src/main/security/permissions'
import {
  externalLinkTarget,
  hardenWebContents,
  createSecureWindow,
  type HardenableWebContents,
} from '../../../src/main/security/window-security'
import { recordingLog } from './helpers'

const isOwnPage = (url: string) => isPageOfOrigin(url, APP_ORIGIN)

describe('window security', () => {
  it('creates windows with isolation and the sandbox on and node off', () => {
    const created: unknown[] = []
    class FakeWindow {
      readonly options: unknown
      constructor(options: unknown) {
        this.options = options
        created.push(options)
      }
    }
    const window = createSecureWindow(
      FakeWindow,
      { width: 800, height: 600, minWidth: 640, minHeight: 480 },
      '/app/preload.cjs',
    )
    expect(window).toBeInstanceOf(FakeWindow)
    expect(created[0]).toMatchObject({
      width: 800,
      show: false,
      webPreferences: {
        preload: '/app/preload.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      },
    })
  })

  it('opens only parsed http(s) links outside', () => {
    expect(externalLinkTarget('https://example.org/help?x=1')).toBe('https://example.org/help?x=1')
    expect(externalLinkTarget('http://example.org')).toBe('http://example.org/')
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-settings:privacy',
      'not a url',
      'https://user:pw@example.org/',
      '//example.org',
    ]) {
      expect(externalLinkTarget(bad), bad).toBeNull()
    }
  })

  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>()
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null
    const contents: HardenableWebContents = {
      on(event: string, listener: (event: { preventDefault(): void }, url: string) => void) {
        listeners.set(event, listener as (event: { preventDefault(): void }, url?: string) => void)
        return contents
      },
      setWindowOpenHandler(handler) {
        openHandler = handler
      },
    } as HardenableWebContents
    const fire = (name: string, url?: string) => {
      let prevented = false
      listeners.get(name)?.({ preventDefault: () => (prevented = true) }, url)
      return prevented
    }
    return { contents, fire, open: (url: string) => openHandler?.({ url }) }
  }

  it('denies navigation away and window.open, handing http(s) links to the browser', async () => {
    const opened: string[] = []
    const { contents, fire, open } = fakeContents()
    hardenWebContents(contents, {
      openExternal: async (url) => void opened.push(url),
      isOwnPage,
      log: recordingLog(),
    })
    expect(fire('will-navigate', `${APP_ORIGIN}/index.html`)).toBe(false)
    expect(fire('will-navigate', 'https://example.org/')).toBe(true)
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(fire('will-redirect', 'https://example.org/')).toBe(true)
    expect(fire('will-attach-webview')).toBe(true)
    expect(open('https://docs.example.org/')).toEqual({ action: 'deny' })
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(open(`${APP_ORIGIN}/index.html`)).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://example.org/', 'https://docs.example.org/'])
  })
})

describe('content security policy', () => {
  it('lets the page connect only to itself and the configured servers (http and ws)', () => {
    const csp = buildContentSecurityPolicy({
      serverUrls: ['https://calls.example.org/base', 'http://127.0.0.1:4000'],
    })
    const connect = csp.split('; ').find((d) => d.startsWith('connect-src'))
    expect(connect).toBe(
      "connect-src 'self' https://calls.example.org wss://calls.example.org http://127.0.0.1:4000 ws://127.0.0.1:4000",
    )
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toMatch(/unsafe-eval|\*/)
  })

  it('ignores a non-http server and allows no server at all when none is set', () => {
    expect(serverOrigins('ftp://files.example.org')).toEqual([])
    expect(buildContentSecurityPolicy({ serverUrls: [] })).toContain("connect-src 'self';")
  })

  it('sets the header on Parley’s page documents only, replacing any other CSP', () => {
    let listener: Parameters<WebRequestLike['onHeadersReceived']>[0] | null = null
    installContentSecurityPolicy(
      { onHeadersReceived: (l) => void (listener = l) },
      (url) => url.startsWith('http://localhost:5173'),
      () => 'POLICY',
    )
    const run = (url: string, resourceType: string, headers: Record<string, string[]>) => {
      let out: Record<string, string[]> | undefined
      listener?.({ url, resourceType, responseHeaders: headers }, (r) => (out = r.responseHeaders))
      return out
    }
    expect(
      run('http://localhost:5173/', 'mainFrame', { 'content-security-policy': ['lax'], a: ['1'] }),
    ).toEqual({ a: ['1'], 'Content-Security-Policy': ['POLICY'] })
    expect(run('https://calls.example.org/api', 'xhr', { a: ['1'] })).toEqual({ a: ['1'] })
  })
})

describe('permissions', () => {
  const own = { requestingUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true }

  it('gives a reason beside every permission it allows', () => {
    for (const reason of Object.values(ALLOWED_PERMISSIONS))
      expect(reason.length).toBeGreaterThan(10)
    expect(Object.keys(ALLOWED_PERMISSIONS).sort()).toEqual([
      'clipboard-sanitized-write',
      'display-capture',
      'fileSystem',
      'fullscreen',
      'media',
      'notifications',
      'speaker-selection',
    ])
  })

  it('allows camera, microphone and display capture to Parley’s own page', () => {
    expect(
      decidePermission('media', { ...own, mediaTypes: ['audio', 'video'] }, { isOwnPage }),
    ).toBe(true)
    expect(decidePermission('display-capture', own, { isOwnPage })).toBe(true)
  })

  it('lets Parley’s own main frame write the file picked for a recording, never a folder', () => {
    expect(decidePermission('fileSystem', { ...own, isDirectory: false }, { isOwnPage })).toBe(true)
    expect(decidePermission('fileSystem', { ...own, isDirectory: true }, { isOwnPage })).toBe(false)
    expect(
      decidePermission(
        'fileSystem',
        { ...own, isMainFrame: false, isDirectory: false },
        { isOwnPage },
      ),
    ).toBe(false)
    expect(
      decidePermission(
        'fileSystem',
        { requestingUrl: 'https://evil.example/', isMainFrame: true, isDirectory: false },
        { isOwnPage },
      ),
    ).toBe(false)
  })

  it('denies everything else by default, and everything to other pages and subframes', () => {
    for (const permission of [
      'geolocation',
      'clipboard-read',
      'openExternal',
      'midi',
      'hid',
      'usb',
      'serial',
      'unknown',
      'pointerLock',
    ]) {
      expect(decidePermission(permission, own, { isOwnPage }), permission).toBe(false)
    }
    expect(
      decidePermission(
        'media',
        { requestingUrl: 'https://evil.example/', isMainFrame: true, mediaTypes: ['audio'] },
        { isOwnPage },
      ),
    ).toBe(false)
    expect(
      decidePermission(
        'media',
        { ...own, isMainFrame: false, mediaTypes: ['audio'] },
        { isOwnPage },
      ),
    ).toBe(false)
    expect(decidePermission('display-capture', { isMainFrame: true }, { isOwnPage })).toBe(false)
    expect(
      decidePermission('media', { ...own, mediaTypes: ['audio', 'something-new'] }, { isOwnPage }),
    ).toBe(false)
  })

  it('installs both the request and the check handler', () => {
    const installed: {
      request?: Parameters<PermissionSessionLike['setPermissionRequestHandler']>[0]
      check?: Parameters<PermissionSessionLike['setPermissionCheckHandler']>[0]
    } = {}
    installPermissionHandlers(
      {
        setPermissionRequestHandler: (h) => void (installed.request = h),
        setPermissionCheckHandler: (h) => void (installed.check = h),
      },
      { isOwnPage, ownOrigin: APP_ORIGIN, log: recordingLog() },
    )
    const { request, check } = installed
    const answers: boolean[] = []
    request?.(null, 'media', (granted) => answers.push(granted), { ...own, mediaTypes: ['video'] })
    request?.(null, 'geolocation', (granted) => answers.push(granted), own)
    expect(answers).toEqual([true, false])
    expect(check?.(null, 'media', APP_ORIGIN, { isMainFrame: true, mediaType: 'video' })).toBe(true)
    expect(
      check?.(null, 'media', 'https://evil.example', {
        isMainFrame: true,
        requestingUrl: 'https://evil.example/',
      }),
    ).toBe(false)
    expect(check?.(null, 'geolocation', APP_ORIGIN, { isMainFrame: true })).toBe(false)
    // Notifications: Parley's own page only.
    const notify: boolean[] = []
    request?.(null, 'notifications', (granted) => notify.push(granted), own)
    request?.(null, 'notifications', (granted) => notify.push(granted), {
      requestingUrl: 'https://evil.example/',
      isMainFrame: true,
    })
    request?.(null, 'notifications', (granted) => notify.push(granted), {
      ...own,
      isMainFrame: false,
    })
    expect(notify).toEqual([true, false, false])
  })
})

describe('Parley’s own page', () => {
  it('is app://parley unless a loopback dev server runs it in development', () => {
    expect(resolvePageOrigin(undefined, false).origin).toBe(APP_ORIGIN)
    expect(resolvePageOrigin('http://localhost:5173/', false)).toEqual({
      entryUrl: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    })
    expect(resolvePageOrigin('http://localhost:5173/', true).origin).toBe(APP_ORIGIN)
    expect(resolvePageOrigin('https://evil.example/', false).origin).toBe(APP_ORIGIN)
    expect(isOwnPage('app://parley/index.html')).toBe(true)
    expect(isOwnPage('app://parley.evil/index.html')).toBe(false)
    expect(isOwnPage('app://other/index.html')).toBe(false)
    expect(isOwnPage('not a url')).toBe(false)
  })
})

describe('app:// file server', () => {
  let root: string
  let rendererDir: string
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'parley-app-'))
    rendererDir = join(root, 'renderer')
    mkdirSync(join(rendererDir, 'assets'), { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Parley</title>')
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(root, 'secret.txt'), 'secret')
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('maps URLs inside the renderer folder and refuses traversal', () => {
    expect(resolveAppFile(rendererDir, 'app://parley/')).toBe(join(rendererDir, 'index.html'))
    expect(resolveAppFile(rendererDir, 'app://parley/assets/app.js')).toBe(
      join(rendererDir, 'assets', 'app.js'),
    )
    // WHATWG URL parsing already folds ../ and %2e%2e into the root: they stay inside.
    for (const folded of ['app://parley/../secret.txt', 'app://parley/%2e%2e/secret.txt']) {
      expect(resolveAppFile(rendererDir, folded)).toBe(join(rendererDir, 'secret.txt'))
    }
    // What URL parsing leaves encoded is decoded here and refused when it leads outside.
    for (const bad of [
      'app://parley/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
      'app://parley/..%5csecret.txt',
      'app://parley/%00index.html',
      'app://other/index.html',
      'https://parley/index.html',
      'app://parley/%E0%A4%A',
    ]) {
      expect(resolveAppFile(rendererDir, bad), bad).toBeNull()
    }
  })

  it('serves files with their type, the CSP on documents, and 404 for the rest', async () => {
    const { readFile } = await import('node:fs/promises')
    const handler = createAppProtocolHandler({
      rendererDir,
      readFile: (p) => readFile(p),
      contentSecurityPolicy: () => "default-src 'self'",
    })
    const page = await handler({ url: 'app://parley/index.html', method: 'GET' })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.headers.get('content-security-policy')).toBe("default-src 'self'")
    const script = await handler({ url: 'app://parley/assets/app.js', method: 'GET' })
    expect(script.headers.get('content-type')).toContain('javascript')
    expect(script.headers.get('content-security-policy')).toBeNull()
    expect(await script.text()).toBe('console.log(1)')
    expect((await handler({ url: 'app://parley/%2e%2e/secret.txt', method: 'GET' })).status).toBe(
      404,
    )
    expect((await handler({ url: 'app://parley/missing.js', method: 'GET' })).status).toBe(404)
    expect((await handler({ url: 'app://parley/index.html', method: 'POST' })).status).toBe(405)
  })
})
