/**
 * What a tile shows while its person speaks: a ring (CSS on `data-speaking`) and "speaking" in the
 * tile's accessible description. The tile spreads `tileProps` on its root and renders
 * `description` inside it.
 */
import { useId, type ReactNode } from 'react'
import { useSpeaking } from './speaking-context'
import './speaking.css'

export interface SpeakingMarks {
  speaking: boolean
  tileProps: { 'data-speaking'?: true; 'aria-describedby'?: string }
  description: ReactNode
}

export function useSpeakingMarks(userId: string): SpeakingMarks {
  const speaking = useSpeaking(userId)
  const descriptionId = useId()
  if (!speaking) return { speaking, tileProps: {}, description: null }
  return {
    speaking,
    tileProps: { 'data-speaking': true, 'aria-describedby': descriptionId },
    description: (
      <span id={descriptionId} hidden>
        speaking
      </span>
    ),
  }
}
