/**
 * The Socket.IO handshake check: `auth: { token }` must be a valid access token. Refusals are a
 * connect_error whose message is 'UNAUTHORIZED' and whose data is `{ code, message }`.
 */
import type { ExtendedError, Socket } from 'socket.io'
import type { AccessGrant, TokenService } from '../auth/tokens'
import { TokenError, type TokenErrorReason } from '../auth/tokens'

export type HandshakeError = ExtendedError & { data: { code: 'UNAUTHORIZED'; message: string } }

function unauthorized(message: string): HandshakeError {
  const error = new Error('UNAUTHORIZED') as HandshakeError
  error.data = { code: 'UNAUTHORIZED', message }
  return error
}

const REFUSAL_MESSAGES: Record<TokenErrorReason, string> = {
  expired: 'The access token has expired',
  invalid: 'The access token is not valid',
  revoked: 'This session has ended; sign in again',
  reused: 'This session has ended; sign in again',
  'user-gone': 'This account no longer exists',
}

export function handshakeToken(socket: Pick<Socket, 'handshake'>): string | null {
  const auth: unknown = socket.handshake.auth
  if (typeof auth !== 'object' || auth === null || !('token' in auth)) return null
  // Lenient about a copied `Bearer ` prefix: the token is the same either way.
  const token = typeof auth.token === 'string' ? auth.token.replace(/^Bearer\s+/i, '') : ''
  return token.length > 0 && token.length <= 4096 ? token : null
}

export function createSocketAuth(
  tokens: TokenService,
  attach: (socket: Socket, grant: AccessGrant) => void,
): (socket: Socket, next: (error?: ExtendedError) => void) => void {
  return (socket, next) => {
    const token = handshakeToken(socket)
    if (token === null) {
      next(unauthorized('An access token is required (auth: { token })'))
      return
    }
    tokens.verifyAccess(token).then(
      (grant) => {
        attach(socket, grant)
        next()
      },
      (error: unknown) => {
        next(
          unauthorized(
            error instanceof TokenError ? REFUSAL_MESSAGES[error.reason] : REFUSAL_MESSAGES.invalid,
          ),
        )
      },
    )
  }
}
