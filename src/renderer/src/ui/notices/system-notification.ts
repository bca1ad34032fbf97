/**
 * A system notification for when Parley is not in front: someone joined while you were in another
 * window. Only when the page may notify; the desktop app allows it for Parley's own page only.
 */

/** Asks once per call, so the first join can already be shown; a refusal is respected. */
export function requestNotificationPermission(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return
  Notification.requestPermission().catch(() => undefined)
}

export function notifyIfAway(title: string, body: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  if (document.hasFocus()) return
  try {
    const notification = new Notification(title, { body, tag: 'parley-call', silent: true })
    // Clicking it brings the call back to the front.
    notification.onclick = () => {
      window.focus()
      notification.close()
    }
  } catch (error) {
    // Some platforms only allow notifications from a service worker.
    console.warn('[parley] could not show a notification', error)
  }
}
