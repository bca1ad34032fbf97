/**
 * The size of the built renderer, raw and gzip (level 9): what a browser downloads for the web
 * client (the server sends these same files) and what Electron parses at start-up.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const ASSETS = 'out/renderer/assets'

function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`
}

export async function printBundleSizes(): Promise<void> {
  const names = (await readdir(ASSETS)).filter((n) => n.endsWith('.js') || n.endsWith('.css'))
  let raw = 0
  let gzip = 0
  console.log(`Renderer bundle (${ASSETS}; the web client is the same bundle):`)
  for (const name of names.sort()) {
    const body = await readFile(join(ASSETS, name))
    const zipped = gzipSync(body, { level: 9 }).length
    raw += body.length
    gzip += zipped
    console.log(
      `  ${name.padEnd(28)} ${kB(body.length).padStart(9)}  gzip ${kB(zipped).padStart(8)}`,
    )
  }
  console.log(`  ${'total'.padEnd(28)} ${kB(raw).padStart(9)}  gzip ${kB(gzip).padStart(8)}`)
}
