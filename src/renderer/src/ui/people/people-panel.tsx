/**
 * Everyone in the call, you first, each with their state in words. Also where the join and leave
 * sounds are switched off, as that setting is about people coming and going.
 */
import { useId, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import type { ParticipantView } from '../../engine/call-engine-api'
import { CloseIcon } from '../common/icons'
import { NameSentence } from '../common/name-sentence'
import { Avatar } from '../media/avatar'
import { useSpeaking } from '../speaking/speaking-context'
import { personStateWords } from './person-state'
import './people-panel.css'

export interface PeoplePanelProps {
  id: string
  /** You first, then raised hands in the order they went up, then the others as they joined. */
  people: readonly ParticipantView[]
  soundsEnabled: boolean
  onSoundsEnabledChange: (enabled: boolean) => void
  onClose: () => void
  headingRef?: Ref<HTMLHeadingElement>
}

export function PeoplePanel({
  id,
  people,
  soundsEnabled,
  onSoundsEnabledChange,
  onClose,
  headingRef,
}: PeoplePanelProps) {
  const soundsId = useId()
  const { t } = useTranslation()
  return (
    <aside id={id} className="card people-panel" aria-label={t('people.title')}>
      <header className="people-panel__header">
        <h2 className="people-panel__title" tabIndex={-1} ref={headingRef}>
          {t('people.title')} <span className="muted">({people.length})</span>
        </h2>
        <button
          type="button"
          className="button button--quiet people-panel__close"
          aria-label={t('people.close')}
          title={t('people.close')}
          onClick={onClose}
        >
          <CloseIcon size={18} />
        </button>
      </header>
      <ul className="people-panel__list">
        {people.map((person) => (
          <PersonRow key={person.userId} person={person} />
        ))}
      </ul>
      <label className="people-panel__setting" htmlFor={soundsId}>
        <input
          id={soundsId}
          type="checkbox"
          checked={soundsEnabled}
          onChange={(event) => onSoundsEnabledChange(event.target.checked)}
        />
        {t('people.sounds')}
      </label>
    </aside>
  )
}

function PersonRow({ person }: { person: ParticipantView }) {
  const speaking = useSpeaking(person.userId)
  const { t } = useTranslation()
  const name = person.displayName || t('common.someone')
  const words = personStateWords({
    ...person.mediaState,
    speaking,
    handRaised: person.handRaised,
  })
  return (
    <li className="people-panel__person" data-speaking={speaking || undefined}>
      <Avatar name={name} seed={person.userId} size="small" />
      <span className="people-panel__who">
        <span className="people-panel__name">
          {person.isLocal ? <NameSentence i18nKey="common.you" name={name} /> : <bdi>{name}</bdi>}
        </span>
        {words.length > 0 ? (
          <span className="people-panel__state muted small">{words.join(', ')}</span>
        ) : null}
      </span>
    </li>
  )
}
