/**
 * Packaging for Parley (`npm run package`). Every Electron fuse is set explicitly; the ones that
 * would let a packaged Parley be turned into a general Node runtime or load code from outside its
 * signed archive are off.
 *
 * keytar is a native module, archived upstream, whose prebuilt binaries stop at old Electron ABIs:
 * electron-builder rebuilds it for this Electron's ABI with @electron/rebuild (npmRebuild), from
 * source rather than from a prebuilt download (buildDependenciesFromSource), and keeps its .node
 * file outside the asar so it can be loaded. If that load still fails, the vault falls back.
 */
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.parley.desktop',
  productName: 'Parley',
  copyright: 'Parley contributors',
  directories: { output: 'dist', buildResources: 'resources' },
  files: ['out/**', 'package.json', '!out/**/*.map'],
  asar: true,
  asarUnpack: ['**/node_modules/keytar/**/*.node'],
  npmRebuild: true,
  buildDependenciesFromSource: true,
  protocols: [{ name: 'Parley call link', schemes: ['parley'] }],
  electronFuses: {
    // No ELECTRON_RUN_AS_NODE: the binary cannot be reused as a plain Node to run other code.
    runAsNode: false,
    // Cookies (and the session's other stores) encrypted at rest with the OS key.
    enableCookieEncryption: true,
    // NODE_OPTIONS and --inspect would let anyone who can start Parley inject code into main.
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    // Only the app.asar whose hash is embedded in the binary is loaded (macOS and Windows).
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // One V8 snapshot for every process: no separate browser-process snapshot file to swap.
    loadBrowserProcessSpecificV8Snapshot: false,
    // Parley's page is served from app://parley/, never file://.
    grantFileProtocolExtraPrivileges: false,
  },
  mac: {
    category: 'public.app-category.social-networking',
    hardenedRuntime: true,
    extendInfo: {
      NSCameraUsageDescription: 'Parley uses the camera in calls you join.',
      NSMicrophoneUsageDescription: 'Parley uses the microphone in calls you join.',
    },
  },
  win: { target: ['nsis'] },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Network',
    mimeTypes: ['x-scheme-handler/parley'],
  },
}
