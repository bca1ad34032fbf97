/**
 * A translated sentence with a person's display name in it, the name isolated in <bdi>: a
 * right-to-left name, or one carrying direction marks, cannot reorder the words around it ("Ben
 * joined" stays in that order whatever Ben typed as a name). The name is passed in through a
 * placeholder that cannot occur in a catalog, then the sentence is split around it.
 */
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'

const SLOT = '\u0000'

export interface NameSentenceProps {
  /** A catalog key whose text has a {{name}} placeholder. */
  i18nKey: string
  name: string
  /** Other placeholders of the sentence, plain text. */
  values?: Record<string, string>
}

export function NameSentence({ i18nKey, name, values }: NameSentenceProps) {
  const { t } = useTranslation()
  const pieces = t(i18nKey, { ...values, name: SLOT }).split(SLOT)
  return (
    <>
      {pieces.map((piece, index) => (
        <Fragment key={index}>
          {index > 0 ? <bdi>{name}</bdi> : null}
          {piece}
        </Fragment>
      ))}
    </>
  )
}
