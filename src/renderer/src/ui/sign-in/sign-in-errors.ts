/** Turns a Bridge error from sign-in into a sentence for people. */
import { parseBridgeError } from '../../../../shared/bridge'
import { bridgeErrorText } from '../common/call-error-text'
import { i18n } from '../common/translator'

export function signInErrorText(error: unknown, serverUrl: string | null): string {
  const { code } = parseBridgeError(error)
  const t = i18n.t
  // The host's phrase in the person's language, or the server's own words (a refused name, an
  // invalid field) when it gave some.
  const said = bridgeErrorText(error, t).trim()
  switch (code) {
    case 'NOT_A_PARLEY_SERVER':
      return said || t('signIn.errors.notParley')
    case 'SERVER_UNREACHABLE':
      return serverUrl
        ? t('signIn.errors.unreachableAt', { url: serverUrl })
        : t('signIn.errors.unreachable')
    case 'SIGN_IN_FAILED':
      return said || t('signIn.errors.refused')
    case 'INVALID_ARGUMENT':
      return said || t('signIn.errors.invalid')
    case 'SERVER_ERROR':
      return serverUrl
        ? t('signIn.errors.serverErrorAt', { url: serverUrl })
        : t('signIn.errors.serverError')
    default:
      return said || t('signIn.errors.other')
  }
}
