/** What the in-call specs share: an uncaught page error fails the test, and the notice region. */
import type { Locator } from '@playwright/test'
import { expect, type CallClient } from '../fixtures/call-client'

/** Collects uncaught errors from every client's page; `expectNone()` at the end of a test. */
export function watchPageErrors(clients: CallClient[]): { expectNone(): void } {
  const errors: string[] = []
  for (const client of clients) {
    client.page.on('pageerror', (error) => errors.push(`${client.name}: ${error.message}`))
  }
  return {
    expectNone: () => expect(errors).toEqual([]),
  }
}

/** The call's one polite live region. */
export function notices(client: CallClient): Locator {
  return client.page.getByRole('log', { name: 'Notices' })
}

/** The "You're muted" hint, a status rather than an alert. */
export function mutedHint(client: CallClient): Locator {
  return client.page.getByRole('status').filter({ hasText: 'You’re muted' })
}
