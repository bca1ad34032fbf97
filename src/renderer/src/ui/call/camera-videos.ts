/**
 * Where a camera <video> comes from: for a remote participant the engine's element, its stream put
 * on once the link's offer or answer is out (CallEngine.cameraVideo); for us the one element of
 * the lobby's preview and our tile (SessionView). Without a provider a tile makes its own.
 */
import { createContext } from 'react'

export type CameraVideoOf = (userId: string) => HTMLVideoElement | null

export const CameraVideosContext = createContext<CameraVideoOf>(() => null)
