/**
 * The words both hosts use for sign-in trouble, so the desktop app and the browser say the same
 * thing for the same failure: catalog phrases, said in the person's language by the page.
 */
import { phrase } from '../i18n/phrase'

export const AUTH_PHRASES = {
  unreachable: (origin: string) => phrase('bridgeErrors.unreachable', { origin }),
  notParley: (origin: string) => phrase('bridgeErrors.notParley', { origin }),
  wrongCredentials: phrase('bridgeErrors.wrongCredentials'),
  tooManyAttempts: phrase('bridgeErrors.tooManyAttempts'),
  refusedSignIn: phrase('bridgeErrors.refusedSignIn'),
  signInFailed: (status: number) => phrase('bridgeErrors.signInFailed', { status: String(status) }),
  renewFailed: (status: number) => phrase('bridgeErrors.renewFailed', { status: String(status) }),
  refreshRefused: phrase('bridgeErrors.refreshRefused'),
  guestSignedInAgain: (name: string) => phrase('bridgeErrors.guestSignedInAgain', { name }),
  notSignedIn: phrase('bridgeErrors.notSignedIn'),
  unreadable: phrase('bridgeErrors.unreadable'),
  requestFailed: (status: number) =>
    phrase('bridgeErrors.requestFailed', { status: String(status) }),
} as const
