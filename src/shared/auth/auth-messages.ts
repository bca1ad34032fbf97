/**
 * The words both hosts use for sign-in trouble, so the desktop app and the browser say the same
 * thing for the same failure.
 */
export const AUTH_MESSAGES = {
  unreachable: (origin: string) =>
    `Parley could not reach the server at ${origin}. Check the address and your connection.`,
  notParley: (origin: string) =>
    `This is not a Parley server: ${origin} answers, but not as a calling server. Check the address.`,
  wrongCredentials: 'The user name or password is not right.',
  tooManyAttempts: 'Too many sign-in attempts. Wait a minute, then try again.',
  refusedSignIn: 'The server refused the sign-in.',
  signInFailed: (status: number) => `The server failed to sign you in (HTTP ${status}).`,
  renewFailed: (status: number) => `The server failed to renew your sign-in (HTTP ${status}).`,
  refreshRefused:
    'The server no longer accepts your sign-in (it may have restarted without its keys, or signed you out). Please sign in again.',
  guestSignedInAgain: (name: string) =>
    `The server no longer accepted your sign-in (it may have restarted without its keys), so Parley signed you in again as ${name}.`,
  notSignedIn: 'You are not signed in.',
  unreadable: 'The server’s answer was not understood.',
  requestFailed: (status: number) => `The server answered HTTP ${status}.`,
} as const
