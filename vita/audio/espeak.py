"""A thin ctypes binding to the espeak-ng library: text in, mono PCM out, no sound card involved.

The library comes from the `espeakng-loader` wheel (it ships libespeak-ng and its data, so nothing needs
installing system-wide) or, failing that, from the system's libespeak-ng (Debian's `libespeak-ng1`).
espeak-ng keeps global state inside the library, so one process should hold one `EspeakEngine`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vita.audio.errors import NoVoice, SpeechEngineUnavailable

AUDIO_OUTPUT_SYNCHRONOUS = 2
INITIALIZE_DONT_EXIT = 0x8000
CHARS_UTF8 = 1
POS_CHARACTER = 1
EE_OK = 0
RATE, VOLUME, PITCH, RANGE, WORDGAP = 1, 2, 3, 4, 7

SYNTH_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


class _Voice(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("languages", ctypes.c_void_p),
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    ]


@dataclass(frozen=True)
class EngineInfo:
    name: str
    version: str
    library: str
    data: str


@dataclass(frozen=True)
class Speech:
    samples: np.ndarray  # float32 mono in [-1, 1]
    sample_rate: int


def _locate() -> tuple[str, str | None]:
    """The library file and its data folder, preferring the self-contained wheel."""
    try:
        import espeakng_loader

        return espeakng_loader.get_library_path(), espeakng_loader.get_data_path()
    except (ImportError, RuntimeError, OSError):
        pass
    found = ctypes.util.find_library("espeak-ng")
    if found:
        return found, None  # the system library knows where its data is
    raise SpeechEngineUnavailable(
        "The speech engine espeak-ng is not installed. Install the Python package espeakng-loader "
        "(pip install 'vita[synth]') or the system package libespeak-ng1."
    )


class EspeakEngine:
    """Speaks text with a named espeak-ng voice into memory. Thread-safe; calls are serialised."""

    def __init__(self, library: str | None = None, data: str | None = None) -> None:
        if library is None:
            library, data = _locate()
        try:
            lib = ctypes.CDLL(library)
        except OSError as exc:
            raise SpeechEngineUnavailable(f"The speech engine library {library} cannot be loaded: {exc}") from exc
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetSynthCallback.argtypes = [SYNTH_CALLBACK]
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        lib.espeak_Info.restype = ctypes.c_char_p
        lib.espeak_Info.argtypes = [ctypes.c_void_p]
        lib.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_Voice))
        lib.espeak_ListVoices.argtypes = [ctypes.c_void_p]
        rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data.encode() if data else None, INITIALIZE_DONT_EXIT)
        if rate <= 0:
            raise SpeechEngineUnavailable(f"The speech engine could not start (data folder: {data or 'default'}).")
        self._lib = lib
        self._lock = threading.Lock()
        self._chunks: list[np.ndarray] = []
        self._callback = SYNTH_CALLBACK(self._collect)  # kept referenced: the library calls it later
        lib.espeak_SetSynthCallback(self._callback)
        self.sample_rate = rate
        version = (lib.espeak_Info(None) or b"").decode().split()[0] if lib.espeak_Info(None) else "unknown"
        self.info = EngineInfo("espeak-ng", version, library, data or "system default")

    def _collect(self, wav: ctypes._Pointer[ctypes.c_short], count: int, _events: int) -> int:
        if count > 0 and wav:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        return 0

    def voice_languages(self) -> set[str]:
        """Every language name the installed voices declare (e.g. 'fr', 'cmn', 'en-gb')."""
        found: set[str] = set()
        voices = self._lib.espeak_ListVoices(None)
        index = 0
        while voices[index]:
            pointer = voices[index].contents.languages
            offset = 0
            while True:  # a list of (priority byte, NUL-terminated name), ended by a zero priority
                priority = ctypes.c_ubyte.from_address(pointer + offset).value
                if priority == 0:
                    break
                name = ctypes.string_at(pointer + offset + 1)
                found.add(name.decode())
                offset += len(name) + 2
            index += 1
        return found

    def has_voice(self, voice: str) -> bool:
        with self._lock:
            return bool(self._lib.espeak_SetVoiceByName(voice.encode()) == EE_OK)

    def speak(self, text: str, voice: str, rate: int = 140, pitch: int = 50) -> Speech:
        """Synthesize `text` with `voice` (e.g. 'fr+f3') at `rate` words per minute."""
        with self._lock:
            if self._lib.espeak_SetVoiceByName(voice.encode()) != EE_OK:
                raise NoVoice(voice, f"espeak-ng has no voice {voice!r}")
            self._lib.espeak_SetParameter(RATE, rate, 0)
            self._lib.espeak_SetParameter(PITCH, pitch, 0)
            self._lib.espeak_SetParameter(VOLUME, 100, 0)
            self._chunks = []
            data = text.encode("utf-8") + b"\0"
            buffer = ctypes.create_string_buffer(data)
            self._lib.espeak_Synth(buffer, len(data), 0, POS_CHARACTER, 0, CHARS_UTF8, None, None)
            chunks, self._chunks = self._chunks, []
        pcm = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
        return Speech((pcm.astype(np.float32) / 32768.0), self.sample_rate)

    def speak_many(self, texts: list[str], voice: str, rate: int = 140) -> list[Speech | str]:
        """Speak each text in this process (see vita.audio.isolated for a crash-proof engine)."""
        return [self.speak(text, voice, rate) for text in texts]


def default_engine_path() -> Path | None:
    """Where the engine would be loaded from, or None when there is none (for reports)."""
    try:
        return Path(_locate()[0])
    except SpeechEngineUnavailable:
        return None
