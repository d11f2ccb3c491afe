"""Audio: the clip library, the pipeline that makes it (synth, import), and the player.

Qt-free. The GUI wraps the Player's plain callbacks in signals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vita.audio.player import AudioBackend


def default_backend() -> AudioBackend:
    """The real sound output (PortAudio). Raises AudioUnavailable, in plain words, when there is none."""
    from vita.audio.sounddevice_backend import SounddeviceBackend

    return SounddeviceBackend()
