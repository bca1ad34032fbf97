/** Module hooks that send every `import 'electron'` to the stand-in next to this file. */
const fake = new URL('./fake-electron.mjs', import.meta.url).href

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: fake, shortCircuit: true }
  return nextResolve(specifier, context)
}
