/**
 * Counts React's commits in a page, and the components each one rendered, through the hook React
 * looks for at start (the one its DevTools install): a benchmark-only counter, nothing in the app.
 * Installed before the page's scripts run; read with `reactCommits(page)`.
 */
import type { Page } from '@playwright/test'

/** Runs in the page before React loads. A component rendered in a commit has PerformedWork (1). */
export const REACT_COMMIT_COUNTER = `
  (() => {
    const counts = { commits: 0, renders: 0 }
    globalThis.__benchReact = counts
    const COMPONENT_TAGS = new Set([0, 1, 11, 14, 15])
    const countRendered = (fiber) => {
      for (let node = fiber; node; node = node.sibling) {
        if (COMPONENT_TAGS.has(node.tag) && (node.flags & 1) !== 0) counts.renders++
        if (node.child) countRendered(node.child)
      }
    }
    globalThis.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      isDisabled: false,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: () => undefined,
      onScheduleFiberRoot: () => undefined,
      onCommitFiberUnmount: () => undefined,
      onPostCommitFiberRoot: () => undefined,
      onCommitFiberRoot: (_id, root) => {
        counts.commits++
        countRendered(root.current)
      },
    }
  })()
`

export interface ReactCommits {
  commits: number
  /** Components rendered, summed over the commits. */
  renders: number
}

/** The counts so far; zeros in a page without React (the floor). */
export async function reactCommits(page: Page): Promise<ReactCommits> {
  return page.evaluate(() => {
    const counts = (globalThis as unknown as { __benchReact?: ReactCommits }).__benchReact
    return { commits: counts?.commits ?? 0, renders: counts?.renders ?? 0 }
  })
}
