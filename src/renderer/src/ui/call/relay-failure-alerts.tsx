/**
 * "Always relay calls" is on and a link got no relay: one alert per person, naming the cause (the
 * relay could not be reached, or refused the credentials) so the person knows whom to ask or what
 * to turn off. Gone as soon as the link gets a relay.
 */
import type { ParticipantView } from '../../engine/call-engine-api'
import { NameSentence } from '../common/name-sentence'

const FAILURE_KEYS = {
  unreachable: 'relay.failedUnreachable',
  credentials: 'relay.failedCredentials',
} as const

export function RelayFailureAlerts({ people }: { people: readonly ParticipantView[] }) {
  return people.map((person) =>
    person.relayFailure ? (
      <div key={person.userId} className="alert" role="alert">
        <div className="alert__text">
          <span>
            <NameSentence i18nKey={FAILURE_KEYS[person.relayFailure]} name={person.displayName} />
          </span>
        </div>
      </div>
    ) : null,
  )
}
