/** The reference server's public API: configuration from the environment, and start. */
export { loadServerConfig, ServerConfigError } from './config'
export type { RateLimitConfig, ServerConfig } from './config'
export { startServer } from './server'
export type { RunningServer, StartServerOptions } from './server'
