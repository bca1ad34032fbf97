/** The videos' steady events stop at the window; everything else goes on to React's root. */
import { describe, expect, it } from 'vitest'
import { quietVideoEvents } from '../../../../src/renderer/src/ui/call/quiet-video-events'

type Listener = (event: Event) => void

function fakeWindow() {
  const listeners = new Map<string, Listener>()
  return {
    listeners,
    addEventListener(type: string, listener: Listener, capture: boolean) {
      if (capture) listeners.set(type, listener)
    },
    removeEventListener(type: string, listener: Listener, capture: boolean) {
      if (capture && listeners.get(type) === listener) listeners.delete(type)
    },
  }
}

function fire(window: ReturnType<typeof fakeWindow>, type: string, localName: string): boolean {
  let stopped = false
  const event = {
    type,
    target: { localName },
    stopPropagation: () => (stopped = true),
  } as unknown as Event
  window.listeners.get(type)?.(event)
  return stopped
}

describe('quietVideoEvents', () => {
  it("stops a video's timeupdate and progress in the capture phase", () => {
    const window = fakeWindow()
    quietVideoEvents(window)
    expect(fire(window, 'timeupdate', 'video')).toBe(true)
    expect(fire(window, 'progress', 'video')).toBe(true)
  })

  it('lets the same events of other elements, and other video events, through', () => {
    const window = fakeWindow()
    quietVideoEvents(window)
    expect(fire(window, 'timeupdate', 'audio')).toBe(false)
    expect(window.listeners.has('playing')).toBe(false)
    expect(window.listeners.has('loadeddata')).toBe(false)
  })

  it('is undone by the function it returns', () => {
    const window = fakeWindow()
    const undo = quietVideoEvents(window)
    undo()
    expect(window.listeners.size).toBe(0)
  })
})
