/**
 * Parley's English text: the source catalog. Placeholders are {{name}}; plurals are keys ending
 * _one/_other, chosen by Intl.PluralRules for the count. Display names go into sentences as
 * placeholders and are isolated (<bdi>) where they are rendered.
 */
export const en = {
  common: {
    someone: 'Someone',
    you: '{{name}} (you)',
    dismiss: 'Dismiss',
  },
  language: {
    label: 'Language',
    system: 'Same as system',
    en: 'English',
    de: 'Deutsch (German)',
  },
  theme: {
    label: 'Theme',
    system: 'Same as system',
    light: 'Light',
    dark: 'Dark',
  },
  signIn: {
    tagline: 'Small calls, peer to peer.',
    displayName: 'Display name',
    nameMissing: 'Enter the name others will see.',
    nameOnServer: 'The name you have on this server.',
    nameShown: 'Shown to the others on your tile.',
    password: 'Password',
    serverUrl: 'Server URL',
    serverPlaceholder: 'Built-in server on this computer',
    submit: 'Sign in',
    orBuiltIn: '{{reason}} Or leave it empty for the built-in server.',
    noAnswer: 'No answer from this server yet. Check the address.',
    usingBuiltIn: 'Using the server built into Parley.',
    serverFound: 'Server found at {{url}}.',
    asksPassword: ' It asks for a password.',
    anyName: ' Any name will do.',
    plainHttp:
      ' This address is not encrypted (http://): your password and sign-in tokens travel in the clear. Use https:// unless you trust every network in between.',
    leaveEmpty: 'Leave empty to use the server built into Parley.',
    errors: {
      notParley: 'This is not a Parley server. Check the address.',
      unreachable:
        'Parley could not reach the server. Check the address and your connection, then try again.',
      unreachableAt:
        'Parley could not reach the server at {{url}}. Check the address and your connection, then try again.',
      refused: 'That name and password were not accepted. Check them and try again.',
      invalid: 'Some of the details are not valid. Check them and try again.',
      serverError: 'The server had a problem signing you in. Try again in a moment.',
      serverErrorAt: 'The server at {{url}} had a problem signing you in. Try again in a moment.',
      other: 'Sign-in did not work. Try again.',
    },
  },
  lobby: {
    builtInServer: 'Built-in server at {{url}}',
    signOut: 'Sign out',
    cameraPreview: 'Camera preview',
    title: 'Join a call',
    intro: 'Everyone who enters the same call ID ends up in the same call.',
    callId: 'Call ID',
    callIdPlaceholder: 'e.g. team-standup',
    newCall: 'New call',
    callIdHint: 'Letters, digits, - and _. Share it with the people you want to talk to.',
    callIdMissing: 'Enter a call ID, or press New call to make one up.',
    join: 'Join call',
    status: {
      full: 'Not joined: the call is full',
      refused: 'Not joined',
      ready: 'Ready to join',
      connecting: 'Reaching the server…',
      reconnecting: 'Lost the server; trying again…',
      disconnected: 'Not reaching the server; Join will try again',
      idle: 'Getting ready…',
    },
  },
  relay: {
    label: 'Always relay calls',
    hint: "Send audio and video through the server's relay so the others never see your network address. Adds a little delay.",
    unavailable:
      'Not available: this server has no relay (TURN) configured, so calls always connect directly.',
    notSaved: 'The setting could not be saved. {{reason}}',
    failedUnreachable:
      "Relayed link to {{name}} failed: the server's relay could not be reached. Turn off Always relay calls, or ask the server's admin to check the TURN server.",
    failedCredentials:
      "Relayed link to {{name}} failed: the relay refused Parley's credentials. Ask the server's admin to check the TURN secret.",
  },
  media: {
    unmute: 'Unmute microphone',
    mute: 'Mute microphone',
    cameraOff: 'Turn off camera',
    cameraOn: 'Turn on camera',
  },
  devices: {
    camera: 'Camera',
    microphone: 'Microphone',
    speaker: 'Speaker',
    systemDefault: 'System default',
    noCamera: 'No camera found',
    noMicrophone: 'No microphone found',
    noSpeaker: 'No speaker found',
    cameraBlocked: 'Camera blocked',
    microphoneBlocked: 'Microphone blocked',
    bothBlocked: 'Camera and microphone blocked',
    allowCameraInBrowser:
      "Allow camera access in your browser's site settings (the icon next to the address), then press Try again.",
    allowMicrophoneInBrowser:
      "Allow microphone access in your browser's site settings (the icon next to the address), then press Try again.",
    allowBothInBrowser:
      "Allow camera and microphone access in your browser's site settings (the icon next to the address), then press Try again.",
    allowCameraInSystem:
      "Allow Parley to use the camera in your system's privacy settings, then press Try again.",
    allowMicrophoneInSystem:
      "Allow Parley to use the microphone in your system's privacy settings, then press Try again.",
    allowBothInSystem:
      "Allow Parley to use the camera and microphone in your system's privacy settings, then press Try again.",
    tryAgain: 'Try again',
    noCameraNote: 'No camera found. The others will hear you; plug one in to be seen.',
    noMicrophoneNote: 'No microphone found. The others will see you but not hear you.',
    noneNote:
      'No camera or microphone found. You can still join: you will see and hear the others.',
    starting: 'Starting camera and microphone…',
    noPicture: 'No picture from the camera yet',
    cameraIsOff: 'Your camera is off',
    notices: 'Device notices',
    use: 'Use',
    lostCamera: "Your camera '{{lost}}' was disconnected: using '{{using}}'",
    lostMicrophone: "Your microphone '{{lost}}' was disconnected: using '{{using}}'",
    lostSpeaker: "Your speaker '{{lost}}' was disconnected: using '{{using}}'",
    lostCameraNone:
      "Your camera '{{lost}}' was disconnected. No other camera found: your camera is off.",
    lostMicrophoneNone:
      "Your microphone '{{lost}}' was disconnected. No other microphone found: you are muted.",
    pluggedCamera: "New camera found: '{{label}}'",
    pluggedMicrophone: "New microphone found: '{{label}}'",
    pluggedSpeaker: "New speaker found: '{{label}}'",
  },
  deviceErrors: {
    blocked: {
      camera:
        'Camera blocked: allow camera access in your browser or system settings, then try again.',
      microphone:
        'Microphone blocked: allow microphone access in your browser or system settings, then try again.',
      both: 'Camera and microphone blocked: allow camera and microphone access in your browser or system settings, then try again.',
    },
    missing: {
      camera: 'No camera found. You can still join: the others will hear you.',
      microphone: 'No microphone found. You can still join.',
      both: 'No camera or microphone found. You can still join: you will see and hear the others.',
    },
    busy: {
      camera: 'Camera could not be started: another app may be using it. Close it and try again.',
      microphone:
        'Microphone could not be started: another app may be using it. Close it and try again.',
      both: 'Camera and microphone could not be started: another app may be using them. Close it and try again.',
    },
    failed: {
      camera: 'Camera could not be started.',
      microphone: 'Microphone could not be started.',
      both: 'Camera and microphone could not be started.',
    },
    failedWith: {
      camera: 'Camera could not be started: {{detail}}',
      microphone: 'Microphone could not be started: {{detail}}',
      both: 'Camera and microphone could not be started: {{detail}}',
    },
    switchBusy: {
      camera: 'That camera is in use by another app. Close that app, or pick another camera.',
      microphone:
        'That microphone is in use by another app. Close that app, or pick another microphone.',
    },
    switchMissing: {
      camera: 'That camera is no longer connected. Pick another camera.',
      microphone: 'That microphone is no longer connected. Pick another microphone.',
    },
    previousInUse: {
      camera: 'The previous camera is still in use.',
      microphone: 'The previous microphone is still in use.',
    },
  },
  call: {
    heading: 'Call {{callId}}',
    controls: 'Call controls',
    devices: 'Devices',
    shareScreen: 'Share screen',
    stopSharing: 'Stop sharing',
    more: 'More',
    leave: 'Leave call',
    yourVideo: 'Your video',
    hideSelfView: 'Hide self-view',
    mirrorSelfView: 'Mirror my video',
    waiting: 'Waiting for others. Invite them with the call ID <1>{{callId}}</1>.',
    pin: 'Pin {{name}}',
    unpin: 'Unpin {{name}}',
    fullScreen: 'Full screen',
    exitFullScreen: 'Exit full screen',
    withShortcut: '{{label}} ({{shortcut}})',
    status: {
      idle: 'Connecting…',
      connecting: 'Connecting…',
      connected: 'Connected',
      reconnecting: 'Reconnecting…',
      disconnected: 'Disconnected',
      callId: 'call {{callId}}',
      joining: 'joining',
      count_one: '{{count}} of {{max}} person',
      count_other: '{{count}} of {{max}} people',
      countOpen_one: '{{count}} person in call',
      countOpen_other: '{{count}} people in call',
    },
  },
  notices: {
    region: 'Notices',
    joined: '{{name}} joined',
    left: '{{name}} left',
    sharing: '{{name}} is sharing their screen',
    inCall: 'In call {{callId}}',
  },
  people: {
    title: 'People',
    close: 'Close people',
    sounds: 'Play a sound when someone joins or leaves',
    handRaised: 'hand raised',
    speaking: 'speaking',
    muted: 'muted',
    cameraOff: 'camera off',
    sharing: 'sharing',
  },
  endOfCall: {
    title: 'You left call {{callId}}',
    length: 'Call length',
    cameraOffRejoin: 'Your camera is off. Rejoin turns it back on.',
    cameraOff: 'Your camera is off.',
    rejoin: 'Rejoin',
    backToStart: 'Back to start',
  },
} as const
