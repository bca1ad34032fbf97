/**
 * Runs the built main process with the stand-in electron, plays the renderer's side through the
 * registered IPC handlers, and prints what happened as one JSON line for the test to check.
 */
const mainPath = process.argv[2]
const state = () => globalThis.fakeElectron

function waitFor(predicate, what, timeoutMs = 15_000) {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (predicate()) return resolve()
      if (Date.now() - started > timeoutMs)
        return reject(new Error(`timed out waiting for ${what}`))
      setTimeout(tick, 20)
    }
    tick()
  })
}

async function invoke(channel, event, ...args) {
  const handler = state().ipcHandlers.get(channel)
  if (!handler) return { error: `no handler for ${channel}` }
  try {
    return { value: await handler(event, ...args) }
  } catch (error) {
    return { error: error.message }
  }
}

await import(mainPath)
await waitFor(() => state().loads.some((load) => typeof load === 'object'), 'the page to load')

const window = state().windows[0]
const own = {
  senderFrame: { url: 'app://parley/index.html', parent: null },
  sender: { id: window.webContents.id },
}
const foreign = {
  senderFrame: { url: 'https://evil.example/', parent: null },
  sender: { id: window.webContents.id },
}

const result = {
  sandboxEnabled: state().sandboxEnabled,
  switches: state().switches,
  privilegedSchemes: state().privilegedSchemes,
  protocolClients: state().protocolClients,
  windowOptions: window.options,
  windowOpenDenied: window.webContents.windowOpenHandler?.({ url: 'https://example.org/' }),
  loads: state().loads,
  channels: [...state().ipcHandlers.keys()].sort(),
}
// A deep link waits in main until the page signals it is ready for it.
result.sentBeforeReady = [...state().sent]
result.session = await invoke('parley:signaling:get-session', own)
result.sentAfterGetSession = [...state().sent]
result.foreignReady = await invoke('parley:signaling:page-ready', foreign)
result.sentAfterForeignReady = [...state().sent]
result.pageReady = await invoke('parley:signaling:page-ready', own)
result.serverInfo = await invoke('parley:signaling:get-server-info', own, {})
result.accessToken = await invoke('parley:signaling:get-access-token', own)
result.rtcConfig = await invoke('parley:signaling:get-rtc-config', own)
result.preferences = await invoke('parley:signaling:set-preferences', own, { alwaysRelay: true })
result.relayConfig = await invoke('parley:signaling:get-rtc-config', own)
result.foreign = await invoke('parley:signaling:get-access-token', foreign)
result.badArgument = await invoke('parley:signaling:sign-in', own, { username: '' })
result.capabilities = await invoke('parley:screen-share:get-capabilities', own)
result.sources = await invoke('parley:screen-share:list-sources', own, {
  kinds: ['window'],
  thumbnailWidth: 160,
  thumbnailHeight: 90,
})
result.select = await invoke('parley:screen-share:select-source', own, {
  sourceId: 'window:7:0',
  shareAudio: false,
})
result.displayMedia = await new Promise((resolve) =>
  state().displayMediaHandler(
    {
      frame: { url: 'app://parley/index.html', parent: null },
      securityOrigin: 'app://parley',
      videoRequested: true,
      audioRequested: false,
    },
    resolve,
  ),
)
result.permissions = await new Promise((resolve) => {
  const answers = []
  const details = {
    requestingUrl: 'app://parley/index.html',
    isMainFrame: true,
    mediaTypes: ['audio', 'video'],
  }
  state().permissionRequestHandler(
    window.webContents,
    'media',
    (granted) => answers.push(granted),
    details,
  )
  state().permissionRequestHandler(
    window.webContents,
    'geolocation',
    (granted) => answers.push(granted),
    details,
  )
  resolve(answers)
})
result.sent = state().sent
result.settingsFile = (await import('node:fs')).readFileSync(
  `${process.env.FAKE_ELECTRON_USER_DATA}/settings.json`,
  'utf8',
)

const embeddedUrl = result.session.value?.serverUrl
result.signOut = await invoke('parley:signaling:sign-out', own)
result.afterSignOut = await invoke('parley:signaling:get-session', own)

const { app } = await import('./fake-electron.mjs')
app.quit()
await waitFor(() => state().quitCalls >= 2, 'the app to quit after stopping the embedded server')
result.embeddedAfterQuit = await fetch(`${embeddedUrl}/healthz`).then(
  () => 'still up',
  () => 'stopped',
)
process.stdout.write(`${JSON.stringify(result)}\n`)
process.exit(0)
