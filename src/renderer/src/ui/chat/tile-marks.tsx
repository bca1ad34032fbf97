/**
 * What in-call messages put on a tile: a raised hand, "Ann is recording", and the reactions
 * floating for a few seconds. The hand and the recording are also in the tile's description.
 */
import { useTranslation } from 'react-i18next'
import type { ParticipantView } from '../../engine/call-engine-api'
import { NameSentence } from '../common/name-sentence'
import { HandIcon } from './in-call-message-icons'
import { useReactionsOf } from './reactions-context'
import './tile-marks.css'

export function TileMarks({ participant }: { participant: ParticipantView }) {
  const reactions = useReactionsOf(participant.userId)
  const { t } = useTranslation()
  const name = participant.displayName || t('common.someone')
  return (
    <>
      {participant.handRaised || participant.recording ? (
        <div className="tile-marks">
          {participant.handRaised ? (
            <span className="tile-marks__hand" role="img" aria-label={t('inCall.handRaised')}>
              <HandIcon size={18} />
            </span>
          ) : null}
          {participant.recording ? (
            <span className="tile-marks__recording">
              {participant.isLocal ? (
                t('inCall.youAreRecording')
              ) : (
                <NameSentence i18nKey="inCall.isRecording" name={name} />
              )}
            </span>
          ) : null}
        </div>
      ) : null}
      {reactions.length > 0 ? (
        <div className="tile-marks__reactions" aria-hidden="true">
          {reactions.map((reaction) => (
            <span key={reaction.key} className="tile-marks__reaction">
              {reaction.emoji}
            </span>
          ))}
        </div>
      ) : null}
    </>
  )
}
