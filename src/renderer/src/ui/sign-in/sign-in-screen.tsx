/**
 * Sign-in: a display name, a password only when the server asks for one, and in the desktop app
 * the server's address (empty means the server built into the app).
 */
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation()
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
            <p className="muted">{t('signIn.tagline')}</p>
          </div>
        </header>

        <div className="field">
          <label htmlFor={ids.name}>{t('signIn.displayName')}</label>
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
            {t(
              nameMissing
                ? 'signIn.nameMissing'
                : needsPassword
                  ? 'signIn.nameOnServer'
                  : 'signIn.nameShown',
            )}
          </p>
        </div>

        {needsPassword ? (
          <div className="field">
            <label htmlFor={ids.password}>{t('signIn.password')}</label>
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
            <label htmlFor={ids.server}>{t('signIn.serverUrl')}</label>
            <input
              id={ids.server}
              name="serverUrl"
              type="text"
              inputMode="url"
              autoComplete="url"
              placeholder={t('signIn.serverPlaceholder')}
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
          {t('signIn.submit')}
        </button>
      </form>
    </main>
  )
}

function ServerHint({ id, lookup }: { id: string; lookup: ServerInfoLookup }) {
  const { t } = useTranslation()
  switch (lookup.kind) {
    case 'invalid-url':
      return (
        <p id={id} className="field__error">
          {t('signIn.orBuiltIn', { reason: lookup.reason })}
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
          {t('signIn.noAnswer')}
        </p>
      )
    case 'ready':
      return (
        <p id={id} className="field__hint">
          {lookup.info.embedded
            ? t('signIn.usingBuiltIn')
            : t('signIn.serverFound', { url: lookup.info.serverUrl })}
          {t(lookup.info.authMode === 'users' ? 'signIn.asksPassword' : 'signIn.anyName')}
          {lookup.plainHttp ? <strong>{t('signIn.plainHttp')}</strong> : null}
        </p>
      )
    default:
      return (
        <p id={id} className="field__hint">
          {t('signIn.leaveEmpty')}
        </p>
      )
  }
}
