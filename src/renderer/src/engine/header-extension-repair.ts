/**
 * Some WebRTC stacks (aiortc 1.4, as Debian ships it) number RTP header extensions per media
 * section, so one id can name one extension in the audio section and another in the video
 * section. In a BUNDLE group that is ambiguous, and Chromium refuses the whole description
 * ("A BUNDLE group contains a codec collision for header extension id=N"): the call would never
 * connect. Dropping the later, clashing `a=extmap` lines leaves a description Chromium accepts;
 * our answer then simply does not use those extensions on those sections, which the offer/answer
 * rules allow (an answerer may decline any extension). Descriptions without a clash are returned
 * unchanged.
 */

const EXTMAP = /^a=extmap:(\d+)(?:\/\w+)?\s+(\S+)/

export function withoutHeaderExtensionClashes(sdp: string): string {
  const lines = sdp.split(/\r?\n/)
  // Only bundled sections share one id space; without BUNDLE every section has its own.
  if (!lines.some((line) => line.startsWith('a=group:BUNDLE'))) return sdp
  const uriById = new Map<string, string>()
  let changed = false
  const kept = lines.filter((line) => {
    const match = EXTMAP.exec(line)
    if (!match) return true
    const [, id, uri] = match
    if (id === undefined || uri === undefined) return true
    const known = uriById.get(id)
    if (known === undefined) {
      uriById.set(id, uri)
      return true
    }
    if (known === uri) return true
    changed = true
    return false
  })
  if (!changed) return sdp
  const newline = sdp.includes('\r\n') ? '\r\n' : '\n'
  return kept.join(newline)
}
