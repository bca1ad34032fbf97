/** One screen or window to pick: its live thumbnail, the app's icon for a window, and its name. */
import type { KeyboardEvent, Ref } from 'react'
import type { ScreenSource } from '../../../../shared/bridge'
import { ScreenIcon } from '../common/icons'

export interface SourceOptionProps {
  source: ScreenSource
  selected: boolean
  /** Roving tabindex: only one option of the group is in the Tab order. */
  tabbable: boolean
  onSelect: () => void
  onChoose: () => void
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void
  ref: Ref<HTMLDivElement>
}

export function SourceOption({
  source,
  selected,
  tabbable,
  onSelect,
  onChoose,
  onKeyDown,
  ref,
}: SourceOptionProps) {
  return (
    <div
      ref={ref}
      className={`source${selected ? ' source--selected' : ''}`}
      role="radio"
      aria-checked={selected}
      aria-label={source.name}
      tabIndex={tabbable ? 0 : -1}
      data-source-id={source.id}
      onClick={onSelect}
      onDoubleClick={onChoose}
      onKeyDown={onKeyDown}
    >
      <span className="source__frame">
        {source.thumbnailDataUrl ? (
          <img
            className="source__thumbnail"
            src={source.thumbnailDataUrl}
            alt=""
            draggable={false}
          />
        ) : (
          <span className="source__no-thumbnail">
            <ScreenIcon size={28} />
          </span>
        )}
      </span>
      <span className="source__caption">
        {source.appIconDataUrl ? (
          <img
            className="source__icon"
            src={source.appIconDataUrl}
            alt=""
            width={16}
            height={16}
            draggable={false}
          />
        ) : null}
        <span className="source__name" title={source.name}>
          {source.name}
        </span>
      </span>
    </div>
  )
}
