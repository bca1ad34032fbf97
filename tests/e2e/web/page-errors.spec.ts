/**
 * The suite's guard against uncaught page errors really fails a test: this one throws in its page
 * and is marked as expected to fail, so it passes only while the guard catches the error.
 */
import { test } from '../fixtures/page-errors'

test('an uncaught error in a page fails the test', async ({ page }) => {
  test.fail(true, 'the page throws: the page-errors fixture must fail this test')
  await page.setContent('<p>ready</p>')
  // The context's event, which the guard listens to (the page's own may come first).
  const thrown = page.context().waitForEvent('weberror')
  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error('uncaught on purpose')
    }, 0)
  })
  await thrown
})
