/** Shown for the moment it takes the host to say whether someone is signed in. */
export function LoadingScreen() {
  return (
    <main className="screen screen--centered" aria-busy="true">
      <p className="loading-text">Starting Parley…</p>
    </main>
  )
}
