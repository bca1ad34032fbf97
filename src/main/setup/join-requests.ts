/**
 * Step: deep links. `parley://join/<callId>` arrives on the command line (first start), through
 * second-instance (Windows, Linux) or open-url (macOS, possibly before ready). Each goes into the
 * join-request queue, which hands it to the page once the page says it is ready; the page then
 * asks the person before joining. Registered before ready so an early link is not lost.
 */
import { resolve } from 'node:path'
import { app } from 'electron'
import type { JoinRequest } from '../../shared/bridge'
import { findDeepLinkInArgv, parseDeepLink, registerProtocolClient } from '../deep-links'
import { createJoinRequestQueue, type JoinRequestQueue } from '../join-requests/join-request-queue'
import type { Logger } from '../log'

export function setupJoinRequests(options: {
  /** Brings the main window up (reopening it if it was closed) before a request is shown. */
  showMainWindow: () => void
  sendToPage: (request: JoinRequest) => void
  /** End-to-end runs must not rewrite the machine's link handler. */
  registerWithOs: boolean
  log: Logger
}): JoinRequestQueue {
  const queue = createJoinRequestQueue((request) => {
    options.showMainWindow()
    options.sendToPage(request)
  })
  // Starting Parley again brings the running one up, with or without a link.
  app.on('second-instance', (_event, argv) => {
    options.showMainWindow()
    const request = findDeepLinkInArgv(argv)
    if (request) queue.push(request)
  })
  app.on('open-url', (event, url) => {
    event.preventDefault()
    const request = parseDeepLink(url)
    if (request) queue.push(request)
    else options.log.warn('Ignored a malformed deep link')
  })
  if (options.registerWithOs) {
    const entry = process.argv[1]
    registerProtocolClient(app, {
      defaultApp: process.defaultApp === true,
      execPath: process.execPath,
      appEntry: entry && !entry.startsWith('-') ? resolve(entry) : undefined,
    })
  }
  const fromArgv = findDeepLinkInArgv(process.argv)
  if (fromArgv) queue.push(fromArgv)
  return queue
}
