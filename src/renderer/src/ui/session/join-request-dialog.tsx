/**
 * The question a `parley://join/...` link asks before anything happens: "Join call X?", naming the
 * server and the microphone and camera state you will join with, and saying so when joining
 * leaves a running call. A link never joins on its own. A link that names another server than the
 * one you are signed in to is only explained: Parley does not switch servers for a link.
 */
import { useRef } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { JoinRequest, SessionInfo } from '../../../../shared/bridge'
import type { CallState } from '../../engine/call-engine-api'
import { useModalDialog } from '../screen-picker/use-modal-dialog'
import { joinMediaText, joinQuestion } from './join-question'

/** Call IDs and server names are isolated in the sentences, whatever their direction. */
const ISOLATED = { id: <bdi />, link: <bdi />, host: <bdi /> }

export interface JoinRequestDialogProps {
  request: JoinRequest
  session: SessionInfo
  state: CallState
  onJoin: () => void
  onCancel: () => void
}

export function JoinRequestDialog({
  request,
  session,
  state,
  onJoin,
  onCancel,
}: JoinRequestDialogProps) {
  // Focus goes back where it was before the link arrived.
  const returnFocusTo = useRef<HTMLElement | null>(
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  )
  const { dialogRef, trapTab } = useModalDialog(returnFocusTo)
  const { t } = useTranslation()
  const question = joinQuestion(request, session, state)
  const server = hostOf(session.serverUrl)

  return (
    <dialog
      ref={dialogRef}
      className="picker join-request"
      aria-labelledby="join-request-title"
      aria-describedby="join-request-body"
      onKeyDown={trapTab}
      onCancel={(event) => {
        // Escape: the browser would close the dialog itself; let React's state do it.
        event.preventDefault()
        onCancel()
      }}
    >
      <header className="picker__header">
        <h2 id="join-request-title" className="picker__title">
          {question.kind === 'other-server' ? (
            t('joinRequest.otherServerTitle')
          ) : (
            <Trans
              i18nKey="joinRequest.title"
              values={{ callId: request.callId }}
              components={ISOLATED}
            />
          )}
        </h2>
      </header>
      <div id="join-request-body" className="join-request__body">
        {question.kind === 'other-server' ? (
          <p>
            <Trans
              i18nKey="joinRequest.otherServer"
              values={{ callId: request.callId, linkServer: hostOf(question.linkServer), server }}
              components={ISOLATED}
            />
          </p>
        ) : question.kind === 'already-in-call' ? (
          <p>{t('joinRequest.alreadyInCall')}</p>
        ) : (
          <>
            <p>
              <Trans
                i18nKey="joinRequest.asks"
                values={{ callId: request.callId, server }}
                components={ISOLATED}
              />
            </p>
            <p>{joinMediaText(state)}</p>
            {question.leavesCallId ? (
              <p className="join-request__warning">
                <Trans
                  i18nKey="joinRequest.leaves"
                  values={{ callId: question.leavesCallId }}
                  components={ISOLATED}
                />
              </p>
            ) : null}
          </>
        )}
      </div>
      <footer className="picker__footer">
        <div className="picker__buttons join-request__buttons">
          {question.kind === 'join' ? (
            <>
              <button
                type="button"
                className="button button--secondary"
                onClick={onCancel}
                autoFocus
              >
                {t('joinRequest.cancel')}
              </button>
              <button type="button" className="button button--primary" onClick={onJoin}>
                {question.leavesCallId ? t('joinRequest.leaveAndJoin') : t('joinRequest.join')}
              </button>
            </>
          ) : (
            <button type="button" className="button button--secondary" onClick={onCancel} autoFocus>
              {t('joinRequest.close')}
            </button>
          )}
        </div>
      </footer>
    </dialog>
  )
}

function hostOf(serverUrl: string): string {
  try {
    return new URL(serverUrl).host
  } catch {
    return serverUrl
  }
}
