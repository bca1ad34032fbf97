"""
A calling client on aiortc (Python's WebRTC stack, Debian's python3-aiortc) written from
PROTOCOL.md alone: sign in, fetch the RTC config, connect the socket, join, offer to everyone
already there, answer offers, trickle candidates as RTCIceCandidateInit objects, toggle media.
It sends a moving picture and a 440 Hz tone, and counts the frames it decodes from each remote.

Run by the interop fixture: one JSON argument {serverUrl, name, callId}; commands arrive as JSON
lines on stdin ({"cmd": "mute"|"video"|"leave", ...}); it reports its state as JSON lines on
stdout every 250 ms. Nothing here knows Parley.
"""
import asyncio
import fractions
import json
import math
import sys
import time

import aiohttp
import numpy
import socketio
from aiortc import (
    RTCConfiguration,
    RTCIceCandidate,
    RTCIceServer,
    RTCPeerConnection,
    RTCSessionDescription,
)
from aiortc.mediastreams import AudioStreamTrack, MediaStreamError, VideoStreamTrack
from aiortc.sdp import candidate_from_sdp, candidate_to_sdp
from av import AudioFrame, VideoFrame

ARGS = json.loads(sys.argv[1])
SERVER = ARGS["serverUrl"]
NAME = ARGS["name"]
CALL_ID = ARGS["callId"]


class MovingPicture(VideoStreamTrack):
    """320x240 at 15 fps: a bar that moves, so every frame differs. Black while the camera is off."""

    def __init__(self):
        super().__init__()
        self.enabled = True
        self.count = 0

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        image = numpy.zeros((240, 320, 3), numpy.uint8)
        if self.enabled:
            image[:, :] = (40, 90, 160)
            x = (self.count * 8) % 320
            image[:, x : x + 24] = (240, 240, 240)
        self.count += 1
        frame = VideoFrame.from_ndarray(image, format="bgr24")
        frame.pts = pts
        frame.time_base = time_base
        return frame


class Tone(AudioStreamTrack):
    """A 440 Hz tone at 48 kHz in 20 ms frames; silence while muted."""

    RATE = 48000
    SAMPLES = 960

    def __init__(self):
        super().__init__()
        self.muted = False
        self.sent = 0
        self.start = None

    async def recv(self):
        if self.readyState != "live":
            raise MediaStreamError
        if self.start is None:
            self.start = time.time()
        else:
            wait = self.start + self.sent / self.RATE - time.time()
            if wait > 0:
                await asyncio.sleep(wait)
        t = (numpy.arange(self.SAMPLES) + self.sent) / self.RATE
        wave = 0 if self.muted else (numpy.sin(2 * math.pi * 440 * t) * 8000)
        samples = (numpy.zeros(self.SAMPLES) + wave).astype(numpy.int16).reshape(1, -1)
        frame = AudioFrame.from_ndarray(samples, format="s16", layout="mono")
        frame.sample_rate = self.RATE
        frame.pts = self.sent
        frame.time_base = fractions.Fraction(1, self.RATE)
        self.sent += self.SAMPLES
        return frame


sio = socketio.AsyncClient(reconnection=False)
video = MovingPicture()
audio = Tone()
state = {
    "status": "starting",
    "userId": None,
    "participants": {},
    "remotes": {},
    "errors": [],
}
peers = {}
ice_servers = []
media_state = {"muted": False, "videoEnabled": True, "screenSharing": False}


def report():
    print(json.dumps({"type": "state", **state}), flush=True)


def remote_state(user_id):
    return state["remotes"].setdefault(
        user_id,
        {
            "connectionState": "new",
            "offersSent": 0,
            "offersReceived": 0,
            "tracks": [],
            "received": {"audio": 0, "video": 0},
        },
    )


async def count_frames(track, user_id):
    kind = track.kind
    while True:
        try:
            await track.recv()
        except Exception:
            return
        remote = state["remotes"].get(user_id)
        if remote is not None:
            remote["received"][kind] += 1


def peer_for(user_id):
    if user_id in peers:
        return peers[user_id]
    pc = RTCPeerConnection(RTCConfiguration(iceServers=ice_servers))
    peers[user_id] = pc
    remote = remote_state(user_id)
    pc.addTrack(audio)
    pc.addTrack(video)

    @pc.on("connectionstatechange")
    async def on_state():
        remote["connectionState"] = pc.connectionState

    @pc.on("track")
    def on_track(track):
        remote["tracks"].append({"kind": track.kind})
        asyncio.ensure_future(count_frames(track, user_id))

    return pc


async def send_candidates(pc, user_id):
    # aiortc gathers before setLocalDescription returns and puts every candidate in the SDP; it
    # also trickles them, as the protocol says clients do. One BUNDLE transport carries them all.
    transceiver = pc.getTransceivers()[0]
    gatherer = transceiver.sender.transport.transport.iceGatherer
    for candidate in gatherer.getLocalCandidates():
        await sio.emit(
            "rtc:candidate",
            {
                "callId": CALL_ID,
                "toUserId": user_id,
                "candidate": {
                    "candidate": "candidate:" + candidate_to_sdp(candidate),
                    "sdpMid": transceiver.mid,
                    "sdpMLineIndex": 0,
                },
            },
        )


async def offer_to(user_id):
    pc = peer_for(user_id)
    await pc.setLocalDescription(await pc.createOffer())
    remote_state(user_id)["offersSent"] += 1
    await sio.emit(
        "rtc:offer",
        {"callId": CALL_ID, "toUserId": user_id, "sdp": pc.localDescription.sdp},
    )
    await send_candidates(pc, user_id)


async def close_peer(user_id):
    pc = peers.pop(user_id, None)
    state["remotes"].pop(user_id, None)
    if pc is not None:
        await pc.close()


@sio.on("rtc:callStarted")
async def on_call_started(payload):
    state["status"] = "in call"
    for participant in payload["participants"]:
        if participant["userId"] == state["userId"]:
            continue
        state["participants"][participant["userId"]] = {
            "displayName": participant.get("displayName"),
            "mediaState": participant["mediaState"],
        }
        try:
            await offer_to(participant["userId"])
        except Exception as error:
            state["errors"].append(f"offer to {participant['userId']}: {error!r}")


@sio.on("rtc:participantJoined")
async def on_joined(payload):
    state["participants"][payload["userId"]] = {
        "displayName": payload.get("displayName"),
        "mediaState": payload["mediaState"],
    }


@sio.on("rtc:participantLeft")
async def on_left(payload):
    state["participants"].pop(payload["userId"], None)
    await close_peer(payload["userId"])


@sio.on("rtc:mediaUpdated")
async def on_media(payload):
    participant = state["participants"].get(payload["userId"])
    if participant is not None:
        participant["mediaState"] = payload["mediaState"]


@sio.on("rtc:offer")
async def on_offer(payload):
    user_id = payload["fromUserId"]
    if state["status"] != "in call":
        return  # sent before the server knew we left: not for us any more
    try:
        pc = peer_for(user_id)
        remote_state(user_id)["offersReceived"] += 1
        await pc.setRemoteDescription(RTCSessionDescription(sdp=payload["sdp"], type="offer"))
        await pc.setLocalDescription(await pc.createAnswer())
        await sio.emit(
            "rtc:answer",
            {"callId": CALL_ID, "toUserId": user_id, "sdp": pc.localDescription.sdp},
        )
    except Exception as error:
        state["errors"].append(f"offer from {user_id}: {error!r}")


@sio.on("rtc:answer")
async def on_answer(payload):
    user_id = payload["fromUserId"]
    pc = peers.get(user_id)
    if pc is None:
        return
    try:
        await pc.setRemoteDescription(RTCSessionDescription(sdp=payload["sdp"], type="answer"))
    except Exception as error:
        state["errors"].append(f"answer from {user_id}: {error!r}")


@sio.on("rtc:candidate")
async def on_candidate(payload):
    pc = peers.get(payload["fromUserId"])
    init = payload.get("candidate") or {}
    line = init.get("candidate") if isinstance(init, dict) else init
    if pc is None or not line:
        return
    try:
        candidate = candidate_from_sdp(line.split(":", 1)[1])
        candidate.sdpMid = init.get("sdpMid") if isinstance(init, dict) else None
        candidate.sdpMLineIndex = init.get("sdpMLineIndex") if isinstance(init, dict) else 0
        await pc.addIceCandidate(candidate)
    except Exception as error:
        state["errors"].append(f"candidate from {payload['fromUserId']}: {error!r}")


@sio.on("rtc:error")
async def on_error(payload):
    state["errors"].append(f"rtc:error {payload.get('code')}: {payload.get('message')}")


async def commands():
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = await reader.readline()
        if not line:
            return
        command = json.loads(line)
        if command["cmd"] == "mute":
            audio.muted = command["muted"]
            media_state["muted"] = command["muted"]
            await sio.emit("rtc:toggleMute", {"callId": CALL_ID, "muted": command["muted"]})
        elif command["cmd"] == "video":
            video.enabled = command["enabled"]
            media_state["videoEnabled"] = command["enabled"]
            await sio.emit("rtc:toggleVideo", {"callId": CALL_ID, "enabled": command["enabled"]})
        elif command["cmd"] == "leave":
            await sio.emit("rtc:leaveCall", {"callId": CALL_ID})
            state["status"] = "left"
            for user_id in list(peers):
                await close_peer(user_id)


async def reporter():
    while True:
        report()
        await asyncio.sleep(0.25)


async def main():
    global ice_servers
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{SERVER}/api/v1/auth/login", json={"username": NAME}) as response:
            login = await response.json()
        token = login["accessToken"]
        state["userId"] = login["user"]["id"]
        async with http.get(
            f"{SERVER}/api/v1/rtc/config", headers={"authorization": f"Bearer {token}"}
        ) as response:
            config = await response.json()
    for url in config.get("stunUrls", []):
        ice_servers.append(RTCIceServer(urls=url))
    for url in config.get("turnUrls", []):
        ice_servers.append(
            RTCIceServer(
                urls=url,
                username=config.get("turnUsername"),
                credential=config.get("turnCredential"),
            )
        )
    asyncio.ensure_future(reporter())
    await sio.connect(SERVER, auth={"token": token}, transports=["websocket"])
    await sio.emit("rtc:joinCall", {"callId": CALL_ID, "initialMediaState": media_state})
    await commands()
    await sio.disconnect()


asyncio.run(main())
