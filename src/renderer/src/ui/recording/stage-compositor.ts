/**
 * Paints the call as you see it onto a canvas: every tile on the stage at its place and size,
 * its video when it shows one, else its name on the tile's dark background. Reads the DOM
 * (the stage is the layout's truth) so the recording follows spotlight, gallery and resizes.
 */

/** 540p at 10 frames a second: software VP8 keeps up with it beside a call on a modest CPU. */
const WIDTH = 960
const HEIGHT = 540
const BACKGROUND = '#0e1014'
const TILE_BACKGROUND = '#181c23'

export interface StageCompositor {
  canvas: HTMLCanvasElement
  paint(): void
  dispose(): void
}

export function createStageCompositor(stage: () => HTMLElement | null): StageCompositor {
  const canvas = document.createElement('canvas')
  canvas.width = WIDTH
  canvas.height = HEIGHT
  // Chromium stops taking frames from a canvas outside the document after the first few: keep it
  // in, out of sight and of the accessibility tree.
  canvas.setAttribute('aria-hidden', 'true')
  canvas.style.cssText = 'position:fixed;left:-10000px;top:0;width:1px;height:1px'
  document.body.append(canvas)
  const context = canvas.getContext('2d')
  if (!context) throw new Error('A 2D canvas is not available for recording.')

  function paint(): void {
    if (!context) return
    context.fillStyle = BACKGROUND
    context.fillRect(0, 0, WIDTH, HEIGHT)
    const root = stage()
    if (!root) return
    const area = root.getBoundingClientRect()
    if (area.width === 0 || area.height === 0) return
    // Letterboxed: the stage keeps its shape inside the 16:9 frame.
    const scale = Math.min(WIDTH / area.width, HEIGHT / area.height)
    const offsetX = (WIDTH - area.width * scale) / 2
    const offsetY = (HEIGHT - area.height * scale) / 2
    for (const tile of Array.from(root.querySelectorAll<HTMLElement>('.tile'))) {
      const box = tile.getBoundingClientRect()
      const x = offsetX + (box.left - area.left) * scale
      const y = offsetY + (box.top - area.top) * scale
      const width = box.width * scale
      const height = box.height * scale
      context.fillStyle = TILE_BACKGROUND
      context.fillRect(x, y, width, height)
      const video = tile.querySelector<HTMLVideoElement>('video:not(.stream-video--concealed)')
      if (video && video.videoWidth > 0) {
        drawCovered(context, video, x, y, width, height, tile.classList.contains('tile--screen'))
      } else {
        context.fillStyle = '#e8ebef'
        context.font = `${Math.max(12, Math.round(height / 10))}px system-ui, sans-serif`
        context.textAlign = 'center'
        context.textBaseline = 'middle'
        context.fillText(tile.getAttribute('aria-label') ?? '', x + width / 2, y + height / 2)
      }
    }
  }

  return { canvas, paint, dispose: () => canvas.remove() }
}

/** Cameras fill their tile (cropped), as on screen; a shared screen is shown whole. */
function drawCovered(
  context: CanvasRenderingContext2D,
  video: HTMLVideoElement,
  x: number,
  y: number,
  width: number,
  height: number,
  whole: boolean,
): void {
  const sourceRatio = video.videoWidth / video.videoHeight
  const targetRatio = width / height
  if (whole) {
    const fitWidth = sourceRatio > targetRatio ? width : height * sourceRatio
    const fitHeight = sourceRatio > targetRatio ? width / sourceRatio : height
    context.drawImage(
      video,
      x + (width - fitWidth) / 2,
      y + (height - fitHeight) / 2,
      fitWidth,
      fitHeight,
    )
    return
  }
  let sx = 0
  let sy = 0
  let sw = video.videoWidth
  let sh = video.videoHeight
  if (sourceRatio > targetRatio) {
    sw = sh * targetRatio
    sx = (video.videoWidth - sw) / 2
  } else {
    sh = sw / targetRatio
    sy = (video.videoHeight - sh) / 2
  }
  context.drawImage(video, sx, sy, sw, sh, x, y, width, height)
}
