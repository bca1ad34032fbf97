/**
 * The one wrapper every IPC handler is registered through. It refuses calls that do not come from
 * the main frame of Parley's own page in Parley's window, parses the arguments with the shared
 * schemas, and turns every failure into a bridge error (`CODE: text`), so a handler body only ever
 * sees a trusted sender and well-typed input.
 */
import type { z } from 'zod'
import { BridgeError, isBridgeError, phrasedBridgeError } from '../bridge-error'
import { phrase } from '../../shared/i18n/phrase'
import type { IpcChannelName } from '../../shared/ipc-channels'

/** The part of a WebFrameMain the sender check reads. */
export interface SenderFrameLike {
  url: string
  /** null for a main frame. */
  parent: unknown
}

/** The part of an IpcMainInvokeEvent the wrapper reads. */
export interface InvokeEventLike {
  /** null when the frame navigated away or was destroyed before the call arrived. */
  senderFrame: SenderFrameLike | null
  sender: { id: number }
}

/** The part of ipcMain the wrapper needs. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

export interface TrustedSenderPolicy {
  /** The webContents id of Parley's window, or null while there is none. */
  trustedWebContentsId(): number | null
  /** True when the URL is a page of Parley's own origin. */
  isOwnPage(url: string): boolean
}

export interface IpcLogger {
  warn(message: string, details?: Record<string, unknown>): void
  error(message: string, details?: Record<string, unknown>): void
}

/** Why a sender was refused, or null when it is trusted. Exported for the tests. */
export function senderRejection(
  event: InvokeEventLike,
  policy: TrustedSenderPolicy,
): string | null {
  const frame = event.senderFrame
  if (!frame) return 'the sending frame is gone'
  if (frame.parent !== null && frame.parent !== undefined) return 'the sender is a subframe'
  if (!policy.isOwnPage(frame.url)) return 'the sender is not Parley’s own page'
  const trustedId = policy.trustedWebContentsId()
  if (trustedId === null || event.sender.id !== trustedId)
    return 'the sender is not Parley’s window'
  return null
}

export interface IpcHandlerRegistry {
  /** A bridge function that takes one request object, parsed with `schema`. */
  handle<S extends z.ZodType, R>(
    channel: IpcChannelName,
    schema: S,
    handler: (request: z.output<S>) => Promise<R> | R,
  ): void
  /** A bridge function without arguments: any argument at all is refused. */
  handleNoArgs<R>(channel: IpcChannelName, handler: () => Promise<R> | R): void
  /** Removes every handler this registry registered. */
  dispose(): void
}

export function createIpcHandlerRegistry(
  ipcMain: IpcMainLike,
  policy: TrustedSenderPolicy,
  log: IpcLogger,
): IpcHandlerRegistry {
  const registered = new Set<string>()

  function register(
    channel: IpcChannelName,
    parseArgs: (args: unknown[]) => { ok: true; value: unknown } | { ok: false; reason: string },
    run: (value: unknown) => unknown,
  ): void {
    if (registered.has(channel)) throw new Error(`IPC channel registered twice: ${channel}`)
    registered.add(channel)
    ipcMain.handle(channel, async (event, ...args) => {
      const rejection = senderRejection(event, policy)
      if (rejection) {
        log.warn('IPC call refused', { channel, reason: rejection, url: event.senderFrame?.url })
        throw phrasedBridgeError('FORBIDDEN_SENDER', phrase('bridgeErrors.forbiddenSender'))
      }
      const parsed = parseArgs(args)
      if (!parsed.ok) {
        log.warn('IPC call with bad arguments', { channel, reason: parsed.reason })
        throw new BridgeError('INVALID_ARGUMENT', parsed.reason)
      }
      try {
        return await run(parsed.value)
      } catch (error) {
        if (isBridgeError(error)) throw error
        // Internal details stay in main's log; the renderer gets a message for people.
        log.error('IPC handler failed', { channel, error: String(error) })
        throw phrasedBridgeError('INTERNAL', phrase('bridgeErrors.internal'))
      }
    })
  }

  return {
    handle(channel, schema, handler) {
      register(
        channel,
        (args) => {
          if (args.length !== 1) {
            return { ok: false, reason: `Expected one argument, got ${args.length}.` }
          }
          const result = schema.safeParse(args[0])
          if (!result.success) {
            const issue = result.error.issues[0]
            const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
            return { ok: false, reason: `${where}${issue?.message ?? 'invalid argument'}` }
          }
          return { ok: true, value: result.data }
        },
        (value) => handler(value as z.output<typeof schema>),
      )
    },
    handleNoArgs(channel, handler) {
      register(
        channel,
        (args) =>
          args.length === 0
            ? { ok: true, value: undefined }
            : { ok: false, reason: `Expected no arguments, got ${args.length}.` },
        () => handler(),
      )
    },
    dispose() {
      for (const channel of registered) ipcMain.removeHandler(channel)
      registered.clear()
    },
  }
}
