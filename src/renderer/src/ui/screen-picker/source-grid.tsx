/**
 * The sources of one kind as a radio group laid out in a grid: arrow keys move (and choose, as
 * in any radio group), Home and End jump, Enter shares the one under focus, Space chooses it.
 */
import { useRef, type KeyboardEvent } from 'react'
import type { ScreenSource } from '../../../../shared/bridge'
import { SourceOption } from './source-option'
import { isNavigationKey, nextOptionIndex } from './source-navigation'

export interface SourceGridProps {
  label: string
  sources: ScreenSource[]
  selectedId: string | null
  onSelect: (sourceId: string) => void
  /** Enter or a double click: share this one now. */
  onChoose: (sourceId: string) => void
}

export function SourceGrid({ label, sources, selectedId, onSelect, onChoose }: SourceGridProps) {
  const optionRefs = useRef(new Map<string, HTMLDivElement>())
  const selectedIndex = sources.findIndex((source) => source.id === selectedId)
  const tabbableIndex = selectedIndex >= 0 ? selectedIndex : 0

  function handleKeyDown(
    event: KeyboardEvent<HTMLDivElement>,
    index: number,
    source: ScreenSource,
  ) {
    if (event.key === 'Enter') {
      event.preventDefault()
      onChoose(source.id)
      return
    }
    if (event.key === ' ') {
      event.preventDefault()
      onSelect(source.id)
      return
    }
    if (!isNavigationKey(event.key)) return
    event.preventDefault()
    const boxes = sources.map((item) => {
      const rect = optionRefs.current.get(item.id)?.getBoundingClientRect()
      return { left: rect?.left ?? 0, top: rect?.top ?? 0, width: rect?.width ?? 0 }
    })
    const next = sources[nextOptionIndex(boxes, index, event.key)]
    if (!next) return
    onSelect(next.id)
    optionRefs.current.get(next.id)?.focus()
  }

  return (
    <div className="source-grid" role="radiogroup" aria-label={label}>
      {sources.map((source, index) => (
        <SourceOption
          key={source.id}
          ref={(element) => {
            if (element) optionRefs.current.set(source.id, element)
            else optionRefs.current.delete(source.id)
          }}
          source={source}
          selected={source.id === selectedId}
          tabbable={index === tabbableIndex}
          onSelect={() => onSelect(source.id)}
          onChoose={() => onChoose(source.id)}
          onKeyDown={(event) => handleKeyDown(event, index, source)}
        />
      ))}
    </div>
  )
}
