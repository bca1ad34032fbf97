/** Turns a Bridge error from sign-in into a sentence for people. */
import { parseBridgeError } from '../../../../shared/bridge'
import { i18n } from '../common/translator'

export function signInErrorText(error: unknown, serverUrl: string | null): string {
  const { code, message } = parseBridgeError(error)
  const t = i18n.t
  // The server's own words (a refused name, an invalid field) are kept when it gave some.
  switch (code) {
    case 'NOT_A_PARLEY_SERVER':
      return message.trim() || t('signIn.errors.notParley')
    case 'SERVER_UNREACHABLE':
      return serverUrl
        ? t('signIn.errors.unreachableAt', { url: serverUrl })
        : t('signIn.errors.unreachable')
    case 'SIGN_IN_FAILED':
      return message.trim() || t('signIn.errors.refused')
    case 'INVALID_ARGUMENT':
      return message.trim() || t('signIn.errors.invalid')
    case 'SERVER_ERROR':
      return serverUrl
        ? t('signIn.errors.serverErrorAt', { url: serverUrl })
        : t('signIn.errors.serverError')
    default:
      return message.trim() || t('signIn.errors.other')
  }
}
