/** Recorded SDPs are imported as text (Vite's `?raw`). */
declare module '*.sdp?raw' {
  const sdp: string
  export default sdp
}
