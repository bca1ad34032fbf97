/**
 * Two labs in one process (a bench next to a spec, or two specs in one worker) each build and
 * remove only what they made: creating the second leaves the first one's namespaces up, and
 * tearing one down leaves the other's. A namespace this process left behind outside any live lab
 * is cleaned up by the next create.
 */
import { execFileSync } from 'node:child_process'
import { expect, test } from '@playwright/test'
import { labUnavailableReason, listNamespaces, NetworkLab } from './fixtures/network-lab'

function namespacesOf(lab: NetworkLab): string[] {
  return [lab.router, lab.namespaces.a, lab.namespaces.b]
}

test('a second lab in the same process leaves the first one standing', async () => {
  const unavailable = labUnavailableReason()
  test.skip(unavailable !== null, unavailable ?? '')
  const labs: NetworkLab[] = []
  const orphan = `prlnet${process.pid}-orphan-r`
  try {
    labs.push(await NetworkLab.create())
    const [first] = labs as [NetworkLab]
    execFileSync('ip', ['netns', 'add', orphan])

    labs.push(await NetworkLab.create())
    const [, second] = labs as [NetworkLab, NetworkLab]
    let present = listNamespaces()
    for (const ns of [...namespacesOf(first), ...namespacesOf(second)]) {
      expect(present, `${ns} after the second lab was created`).toContain(ns)
    }
    expect(present, 'a namespace of this process that no lab holds').not.toContain(orphan)

    await first.destroy()
    present = listNamespaces()
    for (const ns of namespacesOf(first)) expect(present).not.toContain(ns)
    for (const ns of namespacesOf(second)) expect(present).toContain(ns)
  } finally {
    for (const lab of labs) await lab.destroy()
    try {
      execFileSync('ip', ['netns', 'delete', orphan], { stdio: 'ignore' })
    } catch {
      // Already cleaned up by the second create.
    }
  }
})
