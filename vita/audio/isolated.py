"""espeak-ng in a child process, so that a crash inside the C library costs one text, never the whole run.

espeak-ng 1.51 and 1.52 abort the process ("buffer overflow detected") on some long Burmese sentences. The
child speaks the texts one by one and sends each result back at once; when it dies, the parent knows which
text killed it, starts a new child, and tries that text again sentence by sentence, then clause by clause
(joined with short pauses). A text that still crashes the engine is reported and left text-only.
"""

from __future__ import annotations

import contextlib
import pickle
import re
import subprocess
import sys
from collections.abc import Sequence
from typing import IO, Any

import numpy as np

from vita.audio.errors import NoVoice, SpeechEngineUnavailable
from vita.audio.espeak import EngineInfo, EspeakEngine, Speech
from vita.relaunch import self_command, self_env

SENTENCE_END = re.compile(r"(?<=[.!?။。！？؟۔।])\s*")
CLAUSE_END = re.compile(r"(?<=[,;:၊、，،؛])\s*")
PAUSES_S = {"sentences": 0.3, "clauses": 0.15}


class SpeechCrashed(Exception):
    """The engine process died while speaking a text; `done` holds what it had spoken before."""

    def __init__(self, text: str, done: list[Speech] | None = None) -> None:
        super().__init__(f"espeak-ng crashed while speaking {text[:40]!r}")
        self.done = done or []


class _Channel:
    """Length-prefixed pickles over a pair of pipes (only ever between this module and its own child)."""

    def __init__(self, reader: IO[bytes], writer: IO[bytes]) -> None:
        self.reader, self.writer = reader, writer

    def send(self, message: tuple[Any, ...]) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self.writer.write(len(data).to_bytes(8, "little") + data)
        self.writer.flush()

    def recv(self) -> Any:
        header = self.reader.read(8)
        if len(header) < 8:
            raise EOFError
        data = self.reader.read(int.from_bytes(header, "little"))
        return pickle.loads(data)


def _serve(channel: _Channel) -> None:
    """The child's loop: build the engine, then answer requests until told to stop."""
    try:
        engine = EspeakEngine()
    except SpeechEngineUnavailable as exc:
        channel.send(("unavailable", str(exc)))
        return
    channel.send(("ready", engine.info, engine.sample_rate))
    while True:
        try:
            request = channel.recv()
        except EOFError:
            return
        if request[0] == "stop":
            return
        if request[0] == "has":
            channel.send(("has", engine.has_voice(request[1])))
        elif request[0] == "speak":
            _, texts, voice, rate = request
            for text in texts:
                try:
                    speech = engine.speak(text, voice, rate)
                    pcm = np.round(speech.samples * 32768.0).clip(-32768, 32767).astype(np.int16)
                    channel.send(("speech", pcm.tobytes()))
                except NoVoice as exc:
                    channel.send(("novoice", str(exc)))
            channel.send(("done",))


class IsolatedEspeak:
    """A SpeechEngine whose espeak-ng runs in a child process (restarted after a crash)."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._channel: _Channel | None = None
        self.sample_rate = 0
        self.info = self._start()

    def _start(self) -> EngineInfo:
        process = subprocess.Popen(
            self_command("_espeak-child"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # espeak-ng's own abort message; the caller reports the text instead
            env=self_env(),
        )
        assert process.stdin is not None and process.stdout is not None
        channel = _Channel(process.stdout, process.stdin)
        try:
            message = channel.recv()
        except EOFError as exc:
            process.wait(timeout=10)
            raise SpeechEngineUnavailable("The speech engine espeak-ng crashed while starting.") from exc
        if message[0] == "unavailable":
            process.wait(timeout=10)
            raise SpeechEngineUnavailable(message[1])
        self._process, self._channel = process, channel
        self.sample_rate = message[2]
        info: EngineInfo = message[1]
        return info

    def _ask(self, request: tuple[Any, ...]) -> _Channel:
        if self._channel is None:
            self._start()
        assert self._channel is not None
        try:
            self._channel.send(request)
        except (BrokenPipeError, OSError) as exc:
            self._died()
            raise EOFError from exc
        return self._channel

    def _died(self) -> None:
        if self._process is not None:
            for stream in (self._process.stdin, self._process.stdout):
                if stream is not None:
                    stream.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process, self._channel = None, None

    def has_voice(self, voice: str) -> bool:
        try:
            answer = self._ask(("has", voice)).recv()
        except EOFError:
            self._died()
            return False
        return bool(answer[1])

    def _speak_run(self, texts: Sequence[str], voice: str, rate: int) -> list[Speech]:
        """Speak texts in the child; on a crash, raise SpeechCrashed carrying what was done before it."""
        done: list[Speech] = []
        try:
            channel = self._ask(("speak", list(texts), voice, rate))
            while True:
                message = channel.recv()
                if message[0] == "done":
                    return done
                if message[0] == "novoice":
                    raise NoVoice(voice, message[1])
                pcm = np.frombuffer(message[1], dtype=np.int16).astype(np.float32) / 32768.0
                done.append(Speech(pcm, self.sample_rate))
        except EOFError:
            self._died()
            raise SpeechCrashed(texts[len(done)] if len(done) < len(texts) else "", done) from None

    def speak_many(self, texts: Sequence[str], voice: str, rate: int) -> list[Speech | str]:
        """Each text's speech, or a plain sentence saying why it could not be spoken."""
        results: list[Speech | str] = []
        remaining = list(texts)
        while remaining:
            try:
                results.extend(self._speak_run(remaining, voice, rate))
                return results
            except SpeechCrashed as crash:
                done = crash.done
                results.extend(done)
                culprit = remaining[len(done)]
                results.append(self._speak_in_pieces(culprit, voice, rate))
                remaining = remaining[len(done) + 1 :]
        return results

    def _speak_in_pieces(self, text: str, voice: str, rate: int) -> Speech | str:
        for level, pattern in (("sentences", SENTENCE_END), ("clauses", CLAUSE_END)):
            pieces = [p for p in _split(text, pattern, level) if p.strip()]
            if len(pieces) < 2:
                continue
            try:
                spoken = self._speak_run(pieces, voice, rate)
            except SpeechCrashed:
                continue
            gap = np.zeros(int(PAUSES_S[level] * self.sample_rate), np.float32)
            joined = np.concatenate([part for speech in spoken for part in (speech.samples, gap)][:-1])
            return Speech(joined, self.sample_rate)
        return "espeak-ng crashed on this text, even cut into clauses; left text-only"

    def speak(self, text: str, voice: str, rate: int = 140, pitch: int = 50) -> Speech:
        [result] = self.speak_many([text], voice, rate)
        if isinstance(result, str):
            raise SpeechCrashed(result)
        return result

    def close(self) -> None:
        if self._channel is not None:
            with contextlib.suppress(BrokenPipeError, OSError):
                self._channel.send(("stop",))
        self._died()


def _split(text: str, pattern: re.Pattern[str], level: str) -> list[str]:
    if level == "clauses":  # clauses of each sentence
        return [c for s in _split(text, SENTENCE_END, "sentences") for c in pattern.split(s)]
    return pattern.split(text)


def child_main(argv: Sequence[str] = ()) -> int:
    """`vita _espeak-child`: the child's side, speaking the protocol on stdin and stdout."""
    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but the protocol may reach the parent through stdout
    _serve(_Channel(sys.stdin.buffer, protocol_out))
    return 0
