/**
 * The question a `parley://join/...` link asks before anything happens: "Join call X?", naming the
 * server and the microphone and camera state you will join with, and saying so when joining
 * leaves a running call. A link never joins on its own. A link that names another server than the
 * one you are signed in to is only explained: Parley does not switch servers for a link.
 */
import { useRef } from 'react'
import type { JoinRequest, SessionInfo } from '../../../../shared/bridge'
import type { CallState } from '../../engine/call-engine-api'
import { useModalDialog } from '../screen-picker/use-modal-dialog'
import { joinMediaText, joinQuestion } from './join-question'

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
            'This link is for another server'
          ) : (
            <>
              Join call <bdi>{request.callId}</bdi>?
            </>
          )}
        </h2>
      </header>
      <div id="join-request-body" className="join-request__body">
        {question.kind === 'other-server' ? (
          <p>
            The link is for call <bdi>{request.callId}</bdi> on{' '}
            <bdi>{hostOf(question.linkServer)}</bdi>, but you are signed in to <bdi>{server}</bdi>.
            Parley does not switch servers for a link: sign in to that server first, then open the
            link again.
          </p>
        ) : question.kind === 'already-in-call' ? (
          <p>You are already in this call.</p>
        ) : (
          <>
            <p>
              A link asks to join call <bdi>{request.callId}</bdi> on <bdi>{server}</bdi>.
            </p>
            <p>{joinMediaText(state)}</p>
            {question.leavesCallId ? (
              <p className="join-request__warning">
                Joining leaves the call you are in now (<bdi>{question.leavesCallId}</bdi>).
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
                Cancel
              </button>
              <button type="button" className="button button--primary" onClick={onJoin}>
                {question.leavesCallId ? 'Leave and join' : 'Join'}
              </button>
            </>
          ) : (
            <button type="button" className="button button--secondary" onClick={onCancel} autoFocus>
              Close
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
