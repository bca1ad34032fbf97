/** Parley's German text: every key of catalog-en.ts, with the same placeholders. */
import type { CatalogShape } from './catalogs'
import type { en } from './catalog-en'

export const de: CatalogShape<typeof en> = {
  common: {
    someone: 'Jemand',
    you: '{{name}} (du)',
    dismiss: 'Schließen',
  },
  language: {
    label: 'Sprache',
    system: 'Wie im System',
    en: 'English (Englisch)',
    de: 'Deutsch',
  },
  theme: {
    label: 'Design',
    system: 'Wie im System',
    light: 'Hell',
    dark: 'Dunkel',
  },
  signIn: {
    tagline: 'Kleine Anrufe, direkt von Gerät zu Gerät.',
    displayName: 'Anzeigename',
    nameMissing: 'Gib den Namen ein, den die anderen sehen.',
    nameOnServer: 'Dein Name auf diesem Server.',
    nameShown: 'Wird den anderen auf deiner Kachel angezeigt.',
    password: 'Passwort',
    serverUrl: 'Server-URL',
    serverPlaceholder: 'Eingebauter Server auf diesem Computer',
    submit: 'Anmelden',
    orBuiltIn: '{{reason}} Oder lass das Feld leer für den eingebauten Server.',
    noAnswer: 'Noch keine Antwort von diesem Server. Prüfe die Adresse.',
    usingBuiltIn: 'Der in Parley eingebaute Server wird verwendet.',
    serverFound: 'Server gefunden unter {{url}}.',
    asksPassword: ' Er verlangt ein Passwort.',
    anyName: ' Jeder Name ist möglich.',
    plainHttp:
      ' Diese Adresse ist nicht verschlüsselt (http://): Passwort und Anmelde-Token werden im Klartext übertragen. Verwende https://, außer du vertraust jedem Netz dazwischen.',
    leaveEmpty: 'Leer lassen, um den in Parley eingebauten Server zu verwenden.',
    errors: {
      notParley: 'Dies ist kein Parley-Server. Prüfe die Adresse.',
      unreachable:
        'Parley konnte den Server nicht erreichen. Prüfe die Adresse und deine Verbindung und versuche es erneut.',
      unreachableAt:
        'Parley konnte den Server unter {{url}} nicht erreichen. Prüfe die Adresse und deine Verbindung und versuche es erneut.',
      refused: 'Name und Passwort wurden nicht akzeptiert. Prüfe sie und versuche es erneut.',
      invalid: 'Einige Angaben sind ungültig. Prüfe sie und versuche es erneut.',
      serverError:
        'Der Server hatte ein Problem bei der Anmeldung. Versuche es gleich noch einmal.',
      serverErrorAt:
        'Der Server unter {{url}} hatte ein Problem bei der Anmeldung. Versuche es gleich noch einmal.',
      other: 'Die Anmeldung hat nicht geklappt. Versuche es erneut.',
    },
  },
  lobby: {
    builtInServer: 'Eingebauter Server unter {{url}}',
    signOut: 'Abmelden',
    cameraPreview: 'Kameravorschau',
    title: 'An einem Anruf teilnehmen',
    intro: 'Alle, die dieselbe Anruf-ID eingeben, landen im selben Anruf.',
    callId: 'Anruf-ID',
    callIdPlaceholder: 'z. B. team-standup',
    newCall: 'Neuer Anruf',
    callIdHint:
      'Buchstaben, Ziffern, - und _. Teile sie mit den Menschen, mit denen du sprechen möchtest.',
    callIdMissing: 'Gib eine Anruf-ID ein oder wähle „Neuer Anruf“, um eine zu erzeugen.',
    join: 'Anruf beitreten',
    status: {
      full: 'Nicht beigetreten: Der Anruf ist voll',
      refused: 'Nicht beigetreten',
      ready: 'Bereit zum Beitreten',
      connecting: 'Server wird erreicht…',
      reconnecting: 'Verbindung zum Server verloren; neuer Versuch…',
      disconnected: 'Server nicht erreichbar; Beitreten versucht es erneut',
      idle: 'Wird vorbereitet…',
    },
  },
  relay: {
    label: 'Anrufe immer weiterleiten',
    hint: 'Audio und Video über die Weiterleitung des Servers senden, damit die anderen deine Netzwerkadresse nie sehen. Etwas mehr Verzögerung.',
    unavailable:
      'Nicht verfügbar: Dieser Server hat keine Weiterleitung (TURN), daher verbinden sich Anrufe immer direkt.',
    notSaved: 'Die Einstellung konnte nicht gespeichert werden. {{reason}}',
    failedUnreachable:
      'Weitergeleitete Verbindung zu {{name}} fehlgeschlagen: Die Weiterleitung des Servers war nicht erreichbar. Schalte „Anrufe immer weiterleiten“ aus oder bitte die Serververwaltung, den TURN-Server zu prüfen.',
    failedCredentials:
      'Weitergeleitete Verbindung zu {{name}} fehlgeschlagen: Die Weiterleitung hat Parleys Zugangsdaten abgelehnt. Bitte die Serververwaltung, das TURN-Geheimnis zu prüfen.',
  },
  media: {
    unmute: 'Mikrofon einschalten',
    mute: 'Mikrofon stummschalten',
    cameraOff: 'Kamera ausschalten',
    cameraOn: 'Kamera einschalten',
  },
  devices: {
    camera: 'Kamera',
    microphone: 'Mikrofon',
    speaker: 'Lautsprecher',
    systemDefault: 'Systemstandard',
    noCamera: 'Keine Kamera gefunden',
    noMicrophone: 'Kein Mikrofon gefunden',
    noSpeaker: 'Kein Lautsprecher gefunden',
    cameraBlocked: 'Kamera blockiert',
    microphoneBlocked: 'Mikrofon blockiert',
    bothBlocked: 'Kamera und Mikrofon blockiert',
    allowCameraInBrowser:
      'Erlaube den Kamerazugriff in den Website-Einstellungen deines Browsers (das Symbol neben der Adresse) und tippe dann auf „Erneut versuchen“.',
    allowMicrophoneInBrowser:
      'Erlaube den Mikrofonzugriff in den Website-Einstellungen deines Browsers (das Symbol neben der Adresse) und tippe dann auf „Erneut versuchen“.',
    allowBothInBrowser:
      'Erlaube den Kamera- und Mikrofonzugriff in den Website-Einstellungen deines Browsers (das Symbol neben der Adresse) und tippe dann auf „Erneut versuchen“.',
    allowCameraInSystem:
      'Erlaube Parley die Kamera in den Datenschutzeinstellungen deines Systems und tippe dann auf „Erneut versuchen“.',
    allowMicrophoneInSystem:
      'Erlaube Parley das Mikrofon in den Datenschutzeinstellungen deines Systems und tippe dann auf „Erneut versuchen“.',
    allowBothInSystem:
      'Erlaube Parley Kamera und Mikrofon in den Datenschutzeinstellungen deines Systems und tippe dann auf „Erneut versuchen“.',
    tryAgain: 'Erneut versuchen',
    noCameraNote:
      'Keine Kamera gefunden. Die anderen hören dich; schließe eine an, um gesehen zu werden.',
    noMicrophoneNote: 'Kein Mikrofon gefunden. Die anderen sehen dich, hören dich aber nicht.',
    noneNote:
      'Weder Kamera noch Mikrofon gefunden. Du kannst trotzdem beitreten: Du siehst und hörst die anderen.',
    starting: 'Kamera und Mikrofon werden gestartet…',
    noPicture: 'Noch kein Bild von der Kamera',
    cameraIsOff: 'Deine Kamera ist aus',
    notices: 'Gerätehinweise',
    use: 'Verwenden',
    lostCamera: 'Deine Kamera „{{lost}}“ wurde getrennt: „{{using}}“ wird verwendet',
    lostMicrophone: 'Dein Mikrofon „{{lost}}“ wurde getrennt: „{{using}}“ wird verwendet',
    lostSpeaker: 'Dein Lautsprecher „{{lost}}“ wurde getrennt: „{{using}}“ wird verwendet',
    lostCameraNone:
      'Deine Kamera „{{lost}}“ wurde getrennt. Keine andere Kamera gefunden: Deine Kamera ist aus.',
    lostMicrophoneNone:
      'Dein Mikrofon „{{lost}}“ wurde getrennt. Kein anderes Mikrofon gefunden: Du bist stummgeschaltet.',
    pluggedCamera: 'Neue Kamera gefunden: „{{label}}“',
    pluggedMicrophone: 'Neues Mikrofon gefunden: „{{label}}“',
    pluggedSpeaker: 'Neuer Lautsprecher gefunden: „{{label}}“',
  },
  deviceErrors: {
    blocked: {
      camera:
        'Kamera blockiert: Erlaube den Kamerazugriff in den Browser- oder Systemeinstellungen und versuche es erneut.',
      microphone:
        'Mikrofon blockiert: Erlaube den Mikrofonzugriff in den Browser- oder Systemeinstellungen und versuche es erneut.',
      both: 'Kamera und Mikrofon blockiert: Erlaube den Zugriff auf Kamera und Mikrofon in den Browser- oder Systemeinstellungen und versuche es erneut.',
    },
    missing: {
      camera: 'Keine Kamera gefunden. Du kannst trotzdem beitreten: Die anderen hören dich.',
      microphone: 'Kein Mikrofon gefunden. Du kannst trotzdem beitreten.',
      both: 'Weder Kamera noch Mikrofon gefunden. Du kannst trotzdem beitreten: Du siehst und hörst die anderen.',
    },
    busy: {
      camera:
        'Die Kamera konnte nicht gestartet werden: Vielleicht nutzt eine andere App sie. Schließe sie und versuche es erneut.',
      microphone:
        'Das Mikrofon konnte nicht gestartet werden: Vielleicht nutzt eine andere App es. Schließe sie und versuche es erneut.',
      both: 'Kamera und Mikrofon konnten nicht gestartet werden: Vielleicht nutzt eine andere App sie. Schließe sie und versuche es erneut.',
    },
    failed: {
      camera: 'Die Kamera konnte nicht gestartet werden.',
      microphone: 'Das Mikrofon konnte nicht gestartet werden.',
      both: 'Kamera und Mikrofon konnten nicht gestartet werden.',
    },
    failedWith: {
      camera: 'Die Kamera konnte nicht gestartet werden: {{detail}}',
      microphone: 'Das Mikrofon konnte nicht gestartet werden: {{detail}}',
      both: 'Kamera und Mikrofon konnten nicht gestartet werden: {{detail}}',
    },
    switchBusy: {
      camera:
        'Diese Kamera wird von einer anderen App genutzt. Schließe diese App oder wähle eine andere Kamera.',
      microphone:
        'Dieses Mikrofon wird von einer anderen App genutzt. Schließe diese App oder wähle ein anderes Mikrofon.',
    },
    switchMissing: {
      camera: 'Diese Kamera ist nicht mehr angeschlossen. Wähle eine andere Kamera.',
      microphone: 'Dieses Mikrofon ist nicht mehr angeschlossen. Wähle ein anderes Mikrofon.',
    },
    previousInUse: {
      camera: 'Die bisherige Kamera wird weiter verwendet.',
      microphone: 'Das bisherige Mikrofon wird weiter verwendet.',
    },
  },
  call: {
    heading: 'Anruf {{callId}}',
    controls: 'Anrufsteuerung',
    devices: 'Geräte',
    shareScreen: 'Bildschirm teilen',
    stopSharing: 'Teilen beenden',
    more: 'Mehr',
    leave: 'Anruf verlassen',
    yourVideo: 'Dein Video',
    hideSelfView: 'Eigenes Bild ausblenden',
    mirrorSelfView: 'Mein Video spiegeln',
    waiting: 'Warten auf andere. Lade sie mit der Anruf-ID <1>{{callId}}</1> ein.',
    pin: '{{name}} anheften',
    unpin: '{{name}} lösen',
    fullScreen: 'Vollbild',
    exitFullScreen: 'Vollbild beenden',
    withShortcut: '{{label}} ({{shortcut}})',
    status: {
      idle: 'Verbinden…',
      connecting: 'Verbinden…',
      connected: 'Verbunden',
      reconnecting: 'Neu verbinden…',
      disconnected: 'Getrennt',
      callId: 'Anruf {{callId}}',
      joining: 'beitreten',
      count_one: '{{count}} von {{max}} Person',
      count_other: '{{count}} von {{max}} Personen',
      countOpen_one: '{{count}} Person im Anruf',
      countOpen_other: '{{count}} Personen im Anruf',
    },
  },
  notices: {
    region: 'Hinweise',
    joined: '{{name}} ist beigetreten',
    left: '{{name}} hat den Anruf verlassen',
    sharing: '{{name}} teilt den Bildschirm',
    inCall: 'Im Anruf {{callId}}',
  },
  people: {
    title: 'Personen',
    close: 'Personen schließen',
    sounds: 'Ton abspielen, wenn jemand beitritt oder geht',
    handRaised: 'Hand gehoben',
    speaking: 'spricht',
    muted: 'stumm',
    cameraOff: 'Kamera aus',
    sharing: 'teilt',
  },
  endOfCall: {
    title: 'Du hast den Anruf {{callId}} verlassen',
    length: 'Anrufdauer',
    cameraOffRejoin: 'Deine Kamera ist aus. „Erneut beitreten“ schaltet sie wieder ein.',
    cameraOff: 'Deine Kamera ist aus.',
    rejoin: 'Erneut beitreten',
    backToStart: 'Zurück zum Start',
  },
}
