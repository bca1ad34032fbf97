/** Every Socket.IO event name of PROTOCOL.md, in one place for server and client. */
export const ClientEvent = {
  ping: 'rtc:ping',
  joinCall: 'rtc:joinCall',
  leaveCall: 'rtc:leaveCall',
  offer: 'rtc:offer',
  answer: 'rtc:answer',
  candidate: 'rtc:candidate',
  toggleMute: 'rtc:toggleMute',
  toggleVideo: 'rtc:toggleVideo',
  toggleScreenShare: 'rtc:toggleScreenShare',
} as const

export const ServerEvent = {
  pong: 'rtc:pong',
  callStarted: 'rtc:callStarted',
  participantJoined: 'rtc:participantJoined',
  participantLeft: 'rtc:participantLeft',
  offer: 'rtc:offer',
  answer: 'rtc:answer',
  candidate: 'rtc:candidate',
  mediaUpdated: 'rtc:mediaUpdated',
  error: 'rtc:error',
} as const

export type ClientEventName = (typeof ClientEvent)[keyof typeof ClientEvent]
export type ServerEventName = (typeof ServerEvent)[keyof typeof ServerEvent]
