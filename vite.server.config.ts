import { resolve } from 'node:path'
import { defineConfig } from 'vite'

/** Builds the reference server into out/server for `npm run server`; dependencies stay external. */
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/server',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: { cli: resolve('src/server/cli.ts') },
      output: { format: 'esm', entryFileNames: '[name].js' },
    },
  },
})
