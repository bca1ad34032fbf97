/**
 * The lobby holds still while a join is on its way (lobby-joining.css): this class on the lobby
 * says so. It is set on the element, not through a render (LobbyScreen).
 */
import './lobby-joining.css'

export const JOINING_CLASS = 'lobby--joining'

/** Whether `element` is in a lobby that holds still. */
export function holdsStill(element: Element): boolean {
  return element.closest(`.${JOINING_CLASS}`) !== null
}
