/**
 * Picks the column count that makes 16:9 tiles as large as possible in the space available, for
 * any number of tiles (1-10 in practice). Pure, so it is easy to reason about.
 */
export interface GalleryLayout {
  columns: number
  tileWidth: number
  tileHeight: number
}

const ASPECT = 16 / 9

export function galleryLayout(
  count: number,
  width: number,
  height: number,
  gap: number,
): GalleryLayout {
  const tiles = Math.max(1, count)
  let best: GalleryLayout = { columns: 1, tileWidth: 0, tileHeight: 0 }
  for (let columns = 1; columns <= tiles; columns++) {
    const rows = Math.ceil(tiles / columns)
    const maxWidth = (width - gap * (columns - 1)) / columns
    const maxHeight = (height - gap * (rows - 1)) / rows
    const tileWidth = Math.floor(Math.min(maxWidth, maxHeight * ASPECT))
    if (tileWidth > best.tileWidth) {
      best = { columns, tileWidth, tileHeight: Math.floor(tileWidth / ASPECT) }
    }
  }
  return best
}
