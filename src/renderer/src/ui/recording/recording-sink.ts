/**
 * Where a recording's one-second chunks go. Where the host has the File System Access API (the
 * desktop app's Chromium, Chromium-based browsers) the person picks a file up front and each chunk
 * is written to it as it arrives, so an hour of recording holds next to nothing in memory. Elsewhere
 * the chunks are held in memory and downloaded at the end; the recorder warns once that grows large.
 */
export interface RecordingSink {
  /** 'file': written out as it goes; 'memory': held, then downloaded. */
  readonly kind: 'file' | 'memory'
  /** Takes the next chunk, in order. */
  write(chunk: Blob): void
  /** Ends the file once every chunk is written (or downloads what was held). */
  finish(mimeType: string): Promise<void>
}

/** The part of FileSystemFileHandle the file sink uses (a stub in the tests offers the same). */
interface WritableFileHandle {
  createWritable(): Promise<{
    write(data: Blob): Promise<void>
    close(): Promise<void>
  }>
}

type SaveFilePicker = (options: {
  suggestedName: string
  types: { description: string; accept: Record<string, string[]> }[]
}) => Promise<WritableFileHandle>

function saveFilePicker(): SaveFilePicker | null {
  const picker = (window as unknown as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker
  return typeof picker === 'function' ? picker.bind(window) : null
}

/** The person closed the save dialog without picking a file. */
export class RecordingCancelled extends Error {
  constructor() {
    super('No file was picked for the recording')
    this.name = 'RecordingCancelled'
  }
}

/**
 * Asks where to save (must run inside the click that starts recording: the picker needs a user
 * gesture). Resolves with a file sink, or a memory sink where the picker is missing or fails for
 * a reason other than the person cancelling it.
 */
export async function openRecordingSink(
  suggestedName: string,
  fileDescription: string,
  onWriteError: (error: unknown) => void,
): Promise<RecordingSink> {
  const picker = saveFilePicker()
  if (!picker) return memorySink(suggestedName)
  let handle: WritableFileHandle
  try {
    handle = await picker({
      suggestedName,
      types: [{ description: fileDescription, accept: { 'video/webm': ['.webm'] } }],
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw new RecordingCancelled()
    console.warn('[parley] the save dialog failed; the recording will download instead', error)
    return memorySink(suggestedName)
  }
  const writable = await handle.createWritable()
  return fileSink(writable, onWriteError)
}

function fileSink(
  writable: Awaited<ReturnType<WritableFileHandle['createWritable']>>,
  onWriteError: (error: unknown) => void,
): RecordingSink {
  // Writes are chained so chunks land in order; a failed write is reported once and the rest
  // of the recording is still tried (a full disk may free up).
  let written: Promise<void> = Promise.resolve()
  let reported = false
  return {
    kind: 'file',
    write(chunk) {
      written = written
        .then(() => writable.write(chunk))
        .catch((error: unknown) => {
          if (reported) return
          reported = true
          onWriteError(error)
        })
    },
    async finish() {
      await written
      await writable.close()
    },
  }
}

function memorySink(fileName: string): RecordingSink {
  const chunks: Blob[] = []
  return {
    kind: 'memory',
    write(chunk) {
      chunks.push(chunk)
    },
    finish(mimeType) {
      downloadRecording(new Blob(chunks, { type: mimeType }), fileName)
      chunks.length = 0
      return Promise.resolve()
    },
  }
}

/** The browser saves the file where downloads go. */
export function downloadRecording(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  // The click has started the download; the URL is no longer needed after it reads the blob.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
