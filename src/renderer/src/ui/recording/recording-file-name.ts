/** The name a recording is saved under: the call and the local time it started, file-safe. */

export function recordingFileName(callId: string | null, startedAt: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  const stamp =
    `${startedAt.getFullYear()}-${pad(startedAt.getMonth() + 1)}-${pad(startedAt.getDate())}` +
    `-${pad(startedAt.getHours())}${pad(startedAt.getMinutes())}`
  const call = (callId ?? 'call').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64) || 'call'
  return `parley-${call}-${stamp}.webm`
}

/** "1:05", "12:00", "1:02:03": how long a recording has run. */
export function elapsedText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = String(total % 60).padStart(2, '0')
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`
}
