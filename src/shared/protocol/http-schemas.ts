/** Zod schemas for the HTTP side of PROTOCOL.md: sign-in, token refresh, sign-out, RTC config. */
import { z } from 'zod'
import { displayNameSchema } from './display-name'
import { MAX_DISPLAY_NAME_LENGTH } from './limits'

export const API_PATHS = {
  health: '/healthz',
  serverInfo: '/api/v1/server-info',
  login: '/api/v1/auth/login',
  refresh: '/api/v1/auth/refresh',
  logout: '/api/v1/auth/logout',
  rtcConfig: '/api/v1/rtc/config',
} as const

export const AUTH_MODES = ['guest', 'users'] as const
export type AuthMode = (typeof AUTH_MODES)[number]

export const loginRequestSchema = z.object({
  // Guests sign in with the name others will see; account names (users mode) are plain ASCII.
  username: displayNameSchema,
  password: z.string().max(1024).optional(),
})
export const refreshRequestSchema = z.object({ refreshToken: z.string().min(1).max(4096) })
export const logoutRequestSchema = refreshRequestSchema

export const authUserSchema = z.object({
  id: z.string().min(1).max(128),
  displayName: z.string().max(MAX_DISPLAY_NAME_LENGTH),
})
export const authResponseSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  /** Seconds until the access token expires. */
  expiresIn: z.number().positive(),
  user: authUserSchema,
})

export const rtcConfigResponseSchema = z.object({
  stunUrls: z.array(z.string().min(1)).default([]),
  turnUrls: z.array(z.string().min(1)).default([]),
  turnUsername: z.string().optional(),
  turnCredential: z.string().optional(),
  maxParticipants: z.number().int().min(2).max(10).optional(),
  /**
   * This project's addition: epoch seconds after which time-limited TURN credentials stop
   * working, so a client knows how long it may cache them. Absent for static credentials.
   */
  turnCredentialExpiresAt: z.number().optional(),
})

/** This project's addition; a backend without it is treated as wanting a password. */
export const serverInfoSchema = z.object({
  name: z.string().optional(),
  authMode: z.enum(AUTH_MODES),
  maxParticipants: z.number().int().min(2).max(10).optional(),
})

export const httpErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
})

export type LoginRequest = z.infer<typeof loginRequestSchema>
export type RefreshRequest = z.infer<typeof refreshRequestSchema>
export type AuthUser = z.infer<typeof authUserSchema>
export type AuthResponse = z.infer<typeof authResponseSchema>
export type RtcConfigResponse = z.infer<typeof rtcConfigResponseSchema>
export type ServerInfo = z.infer<typeof serverInfoSchema>
export type HttpError = z.infer<typeof httpErrorSchema>
