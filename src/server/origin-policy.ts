/**
 * ALLOWED_ORIGINS: which browser origins may call the API and open sockets. The desktop's
 * embedded server lists only its own so no web page the user visits can sign in to it as a guest
 * and join their calls; unset, any origin may (the web client served from another port).
 * Requests without an Origin header are not from another site's page and are let through.
 */
export class OriginPolicy {
  private readonly allowed: Set<string> | null
  private readonly wantsSelf: boolean

  constructor(origins: readonly string[] | null) {
    this.allowed = origins ? new Set(origins.filter((origin) => origin !== 'self')) : null
    this.wantsSelf = origins?.includes('self') ?? false
  }

  /**
   * `self` means the addresses the server is reached at on this machine: its listening address,
   * and localhost for a loopback one. Never taken from the Host header, which a page on a
   * rebinding domain controls.
   */
  setSelf(port: number, host: string): void {
    if (!this.allowed || !this.wantsSelf) return
    this.allowed.add(`http://${host}:${port}`)
    if (host === '127.0.0.1' || host === '[::1]' || host === 'localhost') {
      for (const loopback of ['127.0.0.1', 'localhost', '[::1]']) {
        this.allowed.add(`http://${loopback}:${port}`)
      }
    }
  }

  allows(origin: string | undefined): boolean {
    if (this.allowed === null || origin === undefined) return true
    return this.allowed.has(origin.toLowerCase())
  }

  /** The Access-Control-Allow-Origin value for a request from `origin`. */
  corsOrigin(origin: string | undefined): string {
    if (this.allowed === null) return '*'
    return origin !== undefined && this.allows(origin) ? origin : 'null'
  }
}
