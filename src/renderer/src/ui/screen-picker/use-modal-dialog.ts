/**
 * A native <dialog> shown modally for as long as the component using it is mounted: the rest of
 * the page turns inert, Tab wraps inside the dialog, and on close focus goes back to the control
 * that opened it.
 */
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react'

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])'

export function useModalDialog(returnFocusTo: RefObject<HTMLElement | null>) {
  const dialogRef = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    // The opener is remembered now: it is the "Share screen" button, which outlives the dialog.
    const opener = returnFocusTo.current
    if (!dialog.open) dialog.showModal()
    return () => {
      if (dialog.open) dialog.close()
      opener?.focus()
    }
  }, [returnFocusTo])

  /** showModal() makes the page inert, but Tab can still leave for the browser's own UI: wrap it. */
  function trapTab(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== 'Tab') return
    const dialog = dialogRef.current
    if (!dialog) return
    // Roving-tabindex members (the inactive tab, unchosen sources) are not Tab stops.
    const focusable = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
      (element) => element.tabIndex >= 0 && element.getClientRects().length > 0,
    )
    const first = focusable[0]
    const last = focusable[focusable.length - 1]
    if (!first || !last) return
    const active = document.activeElement
    if (event.shiftKey && (active === first || active === dialog)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && active === last) {
      event.preventDefault()
      first.focus()
    }
  }

  /** If the focused option vanished with a refresh, focus would fall out of the dialog: catch it. */
  function keepFocusInside(fallback: () => HTMLElement | null) {
    const dialog = dialogRef.current
    if (!dialog) return
    const active = document.activeElement
    if (active && active !== document.body && dialog.contains(active)) return
    fallback()?.focus()
  }

  return { dialogRef, trapTab, keepFocusInside }
}
