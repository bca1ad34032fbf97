/** Turns a Bridge error from sign-in into a sentence for people. */
import { parseBridgeError } from '../../../../shared/bridge'

export function signInErrorText(error: unknown, serverUrl: string | null): string {
  const { code, message } = parseBridgeError(error)
  const where = serverUrl ? ` at ${serverUrl}` : ''
  switch (code) {
    case 'NOT_A_PARLEY_SERVER':
      return message.trim() || 'This is not a Parley server. Check the address.'
    case 'SERVER_UNREACHABLE':
      return `Parley could not reach the server${where}. Check the address and your connection, then try again.`
    case 'SIGN_IN_FAILED':
      return message.trim() || 'That name and password were not accepted. Check them and try again.'
    case 'INVALID_ARGUMENT':
      return message.trim() || 'Some of the details are not valid. Check them and try again.'
    case 'SERVER_ERROR':
      return `The server${where} had a problem signing you in. Try again in a moment.`
    default:
      return message.trim() || 'Sign-in did not work. Try again.'
  }
}
