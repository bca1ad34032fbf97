/**
 * JSON over HTTP for main's services: the shared auth client's request helper (every body parsed
 * with a shared schema, every failure a BridgeError for people) and its address helpers.
 */
export {
  HTTP_TIMEOUT_MS,
  HttpStatusError,
  requestJson,
  type FetchLike,
  type JsonRequest,
} from '../shared/auth/auth-client'
export { apiUrl, normalizeServerUrl } from '../shared/auth/server-address'
