/**
 * Sign-in: a display name, a password only when the server asks for one, and in the desktop app
 * the server's address (empty means the server built into the app).
 */
import { useId, useState, type FormEvent } from 'react'
import type { Bridge, SessionInfo } from '../../../../shared/bridge'
import { MAX_DISPLAY_NAME_LENGTH } from '../../../../shared/protocol/limits'
import { AlertMessage } from '../common/alert-message'
import { LogoMark } from '../common/icons'
import { signInErrorText } from './sign-in-errors'
import { useServerInfo, type ServerInfoLookup } from './use-server-info'
import { completeServerAddress } from '../../../../shared/auth/server-address'
import { lastDisplayName, lastServerUrl } from './remembered-sign-in'

export interface SignInScreenProps {
  bridge: Bridge
  isDesktop: boolean
  /** Why the previous session ended, when the person did not sign out themselves. */
  notice?: string | null
  onSignedIn: (session: SessionInfo) => void
}

export function SignInScreen({ bridge, isDesktop, notice, onSignedIn }: SignInScreenProps) {
  const [displayName, setDisplayName] = useState(lastDisplayName.load)
  const [password, setPassword] = useState('')
  const [serverUrl, setServerUrl] = useState(() => (isDesktop ? lastServerUrl.load() : ''))
  const [nameMissing, setNameMissing] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const serverInfo = useServerInfo(bridge, isDesktop ? serverUrl : '')
  const needsPassword = serverInfo.kind === 'ready' && serverInfo.info.authMode === 'users'
  const ids = {
    name: useId(),
    nameHint: useId(),
    password: useId(),
    server: useId(),
    serverHint: useId(),
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (submitting) return
    const name = displayName.trim()
    if (name === '') {
      setNameMissing(true)
      return
    }
    if (serverInfo.kind === 'invalid-url') return
    setSubmitting(true)
    setError(null)
    const address = serverUrl.trim() === '' ? null : completeServerAddress(serverUrl)
    const chosenServer = isDesktop && address?.ok ? address.url : undefined
    try {
      const session = await bridge.signaling.signIn({
        username: name,
        ...(needsPassword ? { password } : {}),
        ...(chosenServer ? { serverUrl: chosenServer } : {}),
      })
      lastDisplayName.save(name)
      if (isDesktop) lastServerUrl.save(chosenServer ?? '')
      onSignedIn(session)
    } catch (caught) {
      setError(signInErrorText(caught, chosenServer ?? null))
      setSubmitting(false)
    }
  }

  return (
    <main className="screen screen--centered sign-in">
      <form
        className="card sign-in__card"
        onSubmit={handleSubmit}
        noValidate
        aria-labelledby="sign-in-title"
      >
        <header className="sign-in__header">
          <LogoMark size={40} />
          <div>
            <h1 id="sign-in-title" className="sign-in__title">
              Parley
            </h1>
            <p className="muted">Small calls, peer to peer.</p>
          </div>
        </header>

        <div className="field">
          <label htmlFor={ids.name}>Display name</label>
          <input
            id={ids.name}
            name="displayName"
            type="text"
            autoComplete="nickname"
            maxLength={MAX_DISPLAY_NAME_LENGTH}
            value={displayName}
            aria-invalid={nameMissing || undefined}
            aria-describedby={ids.nameHint}
            onChange={(event) => {
              setDisplayName(event.target.value)
              setNameMissing(false)
            }}
            autoFocus
          />
          <p id={ids.nameHint} className={nameMissing ? 'field__error' : 'field__hint'}>
            {nameMissing
              ? 'Enter the name others will see.'
              : needsPassword
                ? 'The name you have on this server.'
                : 'Shown to the others on your tile.'}
          </p>
        </div>

        {needsPassword ? (
          <div className="field">
            <label htmlFor={ids.password}>Password</label>
            <input
              id={ids.password}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
        ) : null}

        {isDesktop ? (
          <div className="field">
            <label htmlFor={ids.server}>Server URL</label>
            <input
              id={ids.server}
              name="serverUrl"
              type="text"
              inputMode="url"
              autoComplete="url"
              placeholder="Built-in server on this computer"
              spellCheck={false}
              value={serverUrl}
              aria-invalid={serverInfo.kind === 'invalid-url' || undefined}
              aria-describedby={ids.serverHint}
              onChange={(event) => {
                setServerUrl(event.target.value)
                // An error about the old address says nothing about the new one.
                setError(null)
              }}
            />
            <ServerHint id={ids.serverHint} lookup={serverInfo} />
          </div>
        ) : null}

        {notice && !error ? <AlertMessage message={notice} /> : null}
        {error ? <AlertMessage message={error} /> : null}

        <button
          type="submit"
          className="button button--primary button--wide"
          disabled={
            submitting || serverInfo.kind === 'invalid-url' || serverInfo.kind === 'not-parley'
          }
          aria-busy={submitting || undefined}
        >
          {submitting ? <span className="spinner" aria-hidden="true" /> : null}
          Sign in
        </button>
      </form>
    </main>
  )
}

function ServerHint({ id, lookup }: { id: string; lookup: ServerInfoLookup }) {
  switch (lookup.kind) {
    case 'invalid-url':
      return (
        <p id={id} className="field__error">
          {lookup.reason} Or leave it empty for the built-in server.
        </p>
      )
    case 'not-parley':
      return (
        <p id={id} className="field__error">
          {lookup.message}
        </p>
      )
    case 'unreachable':
      return (
        <p id={id} className="field__hint field__hint--warn">
          No answer from this server yet. Check the address.
        </p>
      )
    case 'ready':
      return (
        <p id={id} className="field__hint">
          {lookup.info.embedded
            ? 'Using the server built into Parley.'
            : `Server found at ${lookup.info.serverUrl}.`}
          {lookup.info.authMode === 'users' ? ' It asks for a password.' : ' Any name will do.'}
          {lookup.plainHttp ? (
            <strong>
              {' '}
              This address is not encrypted (http://): your password and sign-in tokens travel in
              the clear. Use https:// unless you trust every network in between.
            </strong>
          ) : null}
        </p>
      )
    default:
      return (
        <p id={id} className="field__hint">
          Leave empty to use the server built into Parley.
        </p>
      )
  }
}
