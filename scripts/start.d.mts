/** Types for scripts/start.mjs (plain JavaScript so `npm start` needs no TypeScript runner). */
export declare const MISSING_BINARY_HINT: string
export declare function findElectronBinary(deps: {
  electronDir: string | null
  env: Record<string, string | undefined>
  exists: (path: string) => boolean
  readFile: (path: string) => string
}): { ok: true; binary: string } | { ok: false; message: string }
