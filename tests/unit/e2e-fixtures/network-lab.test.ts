import { describe, expect, it } from 'vitest'
import { staleNamespaces } from '../../e2e/network/fixtures/network-lab'

const OWN_PID = 4242
const LIVE_PID = 5000
const GONE_PID = 6000
const alive = (pid: number): boolean => pid === OWN_PID || pid === LIVE_PID

describe('staleNamespaces', () => {
  it("leaves a live lab of this process alone while another of this process's labs is created", () => {
    const mine = [`prlnet${OWN_PID}-ab12-r`, `prlnet${OWN_PID}-ab12-a`, `prlnet${OWN_PID}-ab12-b`]
    expect(staleNamespaces(mine, OWN_PID, alive, new Set(mine))).toEqual([])
  })

  it("removes this process's namespaces that no live lab holds (a failed teardown)", () => {
    const held = `prlnet${OWN_PID}-ab12-r`
    const orphan = `prlnet${OWN_PID}-zz99-r`
    expect(staleNamespaces([held, orphan], OWN_PID, alive, new Set([held]))).toEqual([orphan])
  })

  it('removes the namespaces of a process that is gone, never those of one still running', () => {
    const names = [
      `prlnet${LIVE_PID}-cd34-a`,
      `prlnet${GONE_PID}-ef56-a`,
      `prlnet${GONE_PID}-ef56-r`,
    ]
    expect(staleNamespaces(names, OWN_PID, alive, new Set())).toEqual([
      `prlnet${GONE_PID}-ef56-a`,
      `prlnet${GONE_PID}-ef56-r`,
    ])
  })

  it('never touches namespaces that are not a lab’s', () => {
    expect(
      staleNamespaces(['blue', 'prlnetx-1-a', 'other6000-a'], OWN_PID, alive, new Set()),
    ).toEqual([])
  })
})
