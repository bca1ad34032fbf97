/** The engine's <video> for a remote camera: made when needed, fed at once, emptied on leave. */
import { describe, expect, it } from 'vitest'
import { CameraVideo } from '../../../../src/renderer/src/engine/camera-video'

class FakeVideo {
  srcObject: MediaStream | null = null
  plays = 0
  paused = false
  removed = false
  framesDecoded = 0
  getVideoPlaybackQuality(): { totalVideoFrames: number } {
    return { totalVideoFrames: this.framesDecoded }
  }
  play(): Promise<void> {
    this.plays++
    this.paused = false
    return Promise.resolve()
  }
  pause(): void {
    this.paused = true
  }
  remove(): void {
    this.removed = true
  }
}

function setUp() {
  const made: FakeVideo[] = []
  const camera = new CameraVideo(() => {
    const video = new FakeVideo()
    made.push(video)
    return video as unknown as HTMLVideoElement
  })
  return { camera, made }
}

const streamA = { id: 'a' } as MediaStream
const streamB = { id: 'b' } as MediaStream

describe('CameraVideo', () => {
  it('makes no element while there is nothing to show and nobody asked', () => {
    const { camera, made } = setUp()
    camera.show(null)
    expect(made).toHaveLength(0)
  })

  it('puts a stream on its element and starts it the moment the link has one', () => {
    const { camera, made } = setUp()
    camera.show(streamA)
    expect(made).toHaveLength(1)
    expect(made[0]?.srcObject).toBe(streamA)
    expect(made[0]?.plays).toBe(1)
    // The tile gets that same element, stream already on it.
    expect(camera.video).toBe(made[0])
  })

  it('an element asked for before the stream gets it when it comes', () => {
    const { camera, made } = setUp()
    const video = camera.video as unknown as FakeVideo
    expect(video.srcObject).toBeNull()
    expect(video.plays).toBe(0)
    camera.show(streamA)
    expect(made).toHaveLength(1)
    expect(video.srcObject).toBe(streamA)
    expect(video.plays).toBe(1)
  })

  it('the same stream again changes nothing; a new link brings its own stream', () => {
    const { camera, made } = setUp()
    camera.show(streamA)
    camera.show(streamA)
    expect(made[0]?.plays).toBe(1)
    camera.show(streamB)
    expect(made).toHaveLength(1)
    expect(made[0]?.srcObject).toBe(streamB)
    expect(made[0]?.plays).toBe(2)
    camera.show(null)
    expect(made[0]?.srcObject).toBeNull()
    expect(made[0]?.plays).toBe(2)
  })

  it('on leave nothing plays on, and a later use starts afresh', () => {
    const { camera, made } = setUp()
    camera.show(streamA)
    camera.dispose()
    expect(made[0]).toMatchObject({ srcObject: null, paused: true, removed: true })
    expect(camera.video).not.toBe(made[0])
    expect(made).toHaveLength(2)
    expect(made[1]?.srcObject).toBeNull()
  })

  it('counts the frames shown of the stream asked about, and of no other', () => {
    const { camera, made } = setUp()
    // No element yet: nothing shown.
    expect(camera.framesShown(streamA)).toBeNull()
    camera.show(streamA)
    const video = made[0]
    if (!video) throw new Error('no element made')
    video.framesDecoded = 42
    expect(camera.framesShown(streamA)).toBe(42)
    // A link whose stream is not the one playing (an old link during a rebuild) learns nothing.
    expect(camera.framesShown(streamB)).toBeNull()
    expect(camera.framesShown(null)).toBeNull()
    camera.dispose()
    expect(camera.framesShown(streamA)).toBeNull()
  })
})
