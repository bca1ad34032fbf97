/**
 * Display names as people will see them beside a face. One schema, used by the server at sign-in
 * and by clients before they send a name: text is normalised to NFC and its spaces collapsed;
 * names that could hide or fake something are refused with a reason rather than silently changed,
 * so what a person typed is what the others read.
 */
import { z } from 'zod'
import { MAX_DISPLAY_NAME_LENGTH } from './limits'

/** The suffix the UI adds to one's own tile; a name ending in it would impersonate "you". */
const SELF_SUFFIX = /\s\(you\)$/i

/**
 * Control (Cc), format (Cf: bidi overrides and isolates, zero-width space, soft hyphen...),
 * surrogate (Cs), private-use (Co) and unassigned (Cn) characters, and line or paragraph
 * separators. Zero-width joiners are checked separately: emoji sequences and some scripts need them.
 */
const HIDDEN_CHARACTER = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u

/** Letters and symbols that draw nothing: Hangul fillers, the blank Braille pattern. */
const BLANK_LOOKALIKES = /[\u115f\u1160\u3164\uffa0\u2800]/gu

/** Something a reader can see: a letter, digit, punctuation mark or symbol. */
const VISIBLE_CHARACTER = /[\p{L}\p{N}\p{P}\p{S}]/u

/**
 * ZWJ (U+200D) joins emoji into one picture (👩‍💻) and ZWNJ (U+200C) shapes Persian and Indic
 * words; allowed only between the characters they serve, never at an edge or in a run.
 */
const ALLOWED_JOINER =
  /(?<=[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200d(?=\p{Extended_Pictographic})|(?<=[\p{L}\p{M}])\u200c(?=[\p{L}\p{M}])/gu

/** Why a name is refused, or null when it is fine (after {@link normalizeDisplayName}). */
export function displayNameProblem(name: string): string | null {
  if (name.length === 0) return 'A name is required'
  if (name.length > MAX_DISPLAY_NAME_LENGTH) {
    return `A name is at most ${MAX_DISPLAY_NAME_LENGTH} characters`
  }
  if (HIDDEN_CHARACTER.test(name.replace(ALLOWED_JOINER, ''))) {
    return 'A name cannot contain invisible or control characters'
  }
  if (!VISIBLE_CHARACTER.test(name.replace(BLANK_LOOKALIKES, ''))) {
    return 'A name needs at least one visible character'
  }
  if (SELF_SUFFIX.test(name)) return 'A name cannot end in "(you)"'
  return null
}

/** NFC, every run of spaces (any Unicode space separator) as one plain space, trimmed. */
export function normalizeDisplayName(name: string): string {
  // Not String.trim(): it would silently drop a leading U+FEFF, which is refused instead.
  return name
    .normalize('NFC')
    .replace(/\p{Zs}+/gu, ' ')
    .replace(/^ | $/g, '')
}

export const displayNameSchema = z
  .string()
  .max(4 * MAX_DISPLAY_NAME_LENGTH, `A name is at most ${MAX_DISPLAY_NAME_LENGTH} characters`)
  .transform(normalizeDisplayName)
  .superRefine((name, context) => {
    const problem = displayNameProblem(name)
    if (problem !== null) context.addIssue({ code: 'custom', message: problem })
  })
