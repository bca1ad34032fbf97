/**
 * Where a remote participant's camera <video> comes from: the engine's element, its stream put on
 * once the link's offer or answer is out (CallEngine.cameraVideo). Without a provider a tile makes
 * its own.
 */
import { createContext } from 'react'

export type CameraVideoOf = (userId: string) => HTMLVideoElement | null

export const CameraVideosContext = createContext<CameraVideoOf>(() => null)
