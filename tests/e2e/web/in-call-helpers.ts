/**
 * What the in-call specs share: an uncaught page error fails the test, the notice region, and the
 * chat panel with its messages.
 */
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

/** The chat side panel, when open. */
export function chatPanel(client: CallClient): Locator {
  return client.page.getByRole('complementary', { name: 'Chat' })
}

/** The messages in the chat panel. */
export function chatMessages(client: CallClient): Locator {
  return chatPanel(client).getByRole('log', { name: 'Messages' })
}

/** The "You're muted" hint, a status rather than an alert. */
export function mutedHint(client: CallClient): Locator {
  return client.page.getByRole('status').filter({ hasText: 'You’re muted' })
}
