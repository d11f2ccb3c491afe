"""Keep ALSA's own error printing off the terminal and put it, once per kind and in words, in the app's log.

PortAudio recovers from an underrun by itself, but libasound prints "ALSA lib pcm.c:…(snd_pcm_recover)
underrun occurred" to stderr every time (36 times in one field run). libasound lets a program replace that
printer (`snd_lib_error_set_handler`); this module does so for as long as the sound output is open.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from typing import Any

from vita.applog import OnceLog

# What the officer (or whoever reads the log) should understand from libasound's terse messages.
WORDS = {
    "underrun occurred": (
        "Sound output: the sound card ran short of sound data (an ALSA underrun), so a message may have "
        "crackled or paused for a moment. A busy computer causes this; the playback carried on."
    ),
}
OTHER_WORDS = "Sound output: the sound system (ALSA) reported a problem: {text}"

# void handler(const char *file, int line, const char *function, int err, const char *fmt, ...)
# The variadic tail is never read: the format string alone names the problem.
_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p)


class AlsaMessages:
    """While alive, libasound's messages go to `once` instead of stderr. Does nothing where there is no ALSA."""

    def __init__(self, once: OnceLog) -> None:
        self._once = once
        self._library: Any = None
        self._handler: Any = None  # kept referenced: libasound calls it until it is replaced
        if not sys.platform.startswith("linux"):
            return
        name = ctypes.util.find_library("asound")
        if name is None:
            return
        try:
            library = ctypes.CDLL(name)
            handler = _HANDLER(self._message)
            library.snd_lib_error_set_handler(handler)
        except (OSError, AttributeError):
            return
        self._library, self._handler = library, handler

    @property
    def active(self) -> bool:
        return self._handler is not None

    def _message(self, _file: bytes | None, _line: int, _function: bytes | None, _err: int, fmt: bytes | None) -> None:
        try:
            text = (fmt or b"").decode("utf-8", "replace").strip()
            self._once.problem(f"alsa: {text}", WORDS.get(text, OTHER_WORDS.format(text=text)))
        except Exception:
            pass

    def close(self) -> None:
        """Give libasound its own printer back."""
        if self._library is not None:
            self._library.snd_lib_error_set_handler(None)
        self._library = self._handler = None
