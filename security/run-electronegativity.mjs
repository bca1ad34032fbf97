#!/usr/bin/env node
/**
 * `npm run test:security`: Electronegativity over the Electron code (src/main, src/preload and the
 * page they load, src/renderer/index.html, scanned together so global checks such as navigation
 * limits and the permission handler see the whole app). Fails on any HIGH or MEDIUM finding that
 * is not in electronegativity-accepted.json with a reason, on more findings of an accepted kind in
 * a file than were accepted, and on any file the scanner could not parse (an unscanned file must
 * not pass silently).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '..')
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version
const accepted = JSON.parse(readFileSync(join(here, 'electronegativity-accepted.json'), 'utf8'))

const runModule = require('@doyensec/electronegativity')
const run = runModule.default ?? runModule

// One staging folder holding exactly what is scanned, so file names in findings are stable.
const stage = mkdtempSync(join(tmpdir(), 'parley-electronegativity-'))
cpSync(join(root, 'src/main'), join(stage, 'main'), { recursive: true })
cpSync(join(root, 'src/preload'), join(stage, 'preload'), { recursive: true })
mkdirSync(join(stage, 'renderer'))
cpSync(join(root, 'src/renderer/index.html'), join(stage, 'renderer/index.html'))

let result
try {
  result = await run(
    {
      input: stage,
      isRelative: true,
      electronVersionOverride: electronVersion,
      customScan: [],
      excludeFromScan: [],
      parserPlugins: [],
    },
    false,
  )
} finally {
  rmSync(stage, { recursive: true, force: true })
}

const failures = []
for (const error of result.errors) {
  failures.push(`could not parse ${error.file}: ${error.message}`)
}

const serious = result.issues.filter((issue) => ['HIGH', 'MEDIUM'].includes(issue.severity.name))
const low = result.issues.filter((issue) => !['HIGH', 'MEDIUM'].includes(issue.severity.name))
const counts = new Map()
for (const issue of serious) {
  const key = `${issue.id} ${issue.file}`
  counts.set(key, [...(counts.get(key) ?? []), issue])
}
const used = new Set()
for (const [key, issues] of counts) {
  const [id, file] = key.split(' ')
  const entry = accepted.find((a) => a.check === id && a.file === file)
  const where = issues.map((i) => `${i.location.line}:${i.location.column}`).join(', ')
  if (!entry) {
    failures.push(
      `${issues[0].severity.name} ${id} in ${file} (${where}): ${issues[0].description}`,
    )
    continue
  }
  used.add(entry)
  if (issues.length > entry.count) {
    failures.push(
      `${id} in ${file}: ${issues.length} findings (${where}), ${entry.count} accepted; review the new one`,
    )
  }
}

console.log(
  `Electronegativity ${electronVersion === '' ? '' : `(Electron ${electronVersion})`}: ${serious.length} high/medium, ${low.length} low/informational finding(s)`,
)
for (const entry of accepted) {
  const state = used.has(entry) ? 'accepted' : 'accepted (not found now)'
  console.log(`  ${state}: ${entry.check} in ${entry.file}: ${entry.reason}`)
}
for (const issue of low) {
  console.log(`  low: ${issue.id} in ${issue.file}:${issue.location.line}: ${issue.description}`)
}
if (failures.length > 0) {
  console.error('\nUnexplained findings:')
  for (const failure of failures) console.error(`  ${failure}`)
  process.exit(1)
}
console.log('No unexplained high or medium finding.')
