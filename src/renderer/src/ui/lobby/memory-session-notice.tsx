/**
 * Said when the host keeps the sign-in only in memory. In the desktop app that means no secure
 * keychain was found, which people should know; in a browser tab it is simply how the web works.
 */
export function MemorySessionNotice({ isDesktop }: { isDesktop: boolean }) {
  if (!isDesktop) {
    return (
      <p className="notice notice--quiet" role="note">
        Your sign-in lasts for this tab: reloading or closing it signs you out.
      </p>
    )
  }
  return (
    <p className="notice" role="note">
      You are signed in for this run of Parley only: no secure keychain is available on this
      computer, so the sign-in is not saved and you will be asked again next time.
    </p>
  )
}
