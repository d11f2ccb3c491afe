"""Typed audio errors. Each carries a plain-words message that the GUI can show to the officer as it is."""

from __future__ import annotations

from pathlib import Path


class AudioError(Exception):
    """Base of every audio error. `str(error)` is a sentence an officer can read."""


class AudioUnavailable(AudioError):
    """No sound can be played on this computer: PortAudio is missing or there is no output device.

    The program goes on with text only.
    """


class OutputDeviceError(AudioError):
    """The chosen output device failed or disappeared (for example a headset was unplugged)."""


class ClipMissing(AudioError):
    """There is no clip for this message in this language and form: show the text only."""

    def __init__(self, language: str, message_id: str, form: str = "") -> None:
        self.language = language
        self.message_id = message_id
        self.form = form
        what = f"{message_id} ({form})" if form else message_id
        super().__init__(f"There is no recording of {what} in {language}; show the text instead.")


class ClipDecodeError(AudioError):
    """A clip file exists but cannot be decoded."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"The sound file {path} cannot be read: {reason}")


class ClipRefused(ClipDecodeError):
    """A clip of the library that is never played: its file was changed, swapped, lost, or cannot be decoded.
    Its message is shown as text only. `str()` names the file, for the app's log; the officer's words do not."""

    def __init__(self, key: tuple[str, str, str], path: Path, reason: str, detail: str = "") -> None:
        self.key = key
        self.detail = detail  # the decoder's own words, for the log
        super().__init__(path, f"{reason} ({detail})" if detail else reason)
        self.reason = reason


class ManifestError(AudioError):
    """audio/manifest.json is missing, unreadable or not in the expected shape."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class SpeechEngineUnavailable(AudioError):
    """The offline speech engine (espeak-ng) cannot be loaded, so no draft clips can be made."""


class NoVoice(AudioError):
    """The speech engine has no voice for a language; it stays text-only until someone records it."""

    def __init__(self, language: str, reason: str) -> None:
        self.language = language
        self.reason = reason
        super().__init__(f"{language}: {reason}")


class BadRecording(AudioError):
    """A recording offered for import cannot be used. `path` names the file, `reason` says why in plain words."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path.name}: {reason}")
