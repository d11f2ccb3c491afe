"""Audio problems are written once, in words, to the app's own log; libasound's messages never reach the terminal."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from pathlib import Path

import pytest

from vita.applog import OnceLog, log_path, open_app_log
from vita.audio.alsa_quiet import AlsaMessages

ASOUND = ctypes.util.find_library("asound")


def _raise_alsa_error(library: ctypes.CDLL, text: bytes) -> None:
    """Do what libasound's SNDERR() does: call the installed error printer with a file, line and message."""
    printer = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p)
    current = ctypes.c_void_p.in_dll(library, "snd_lib_error").value
    assert current is not None
    printer(current)(b"pcm.c", 8740, b"snd_pcm_recover", 0, text)


@pytest.mark.skipif(ASOUND is None, reason="no libasound on this machine")
def test_36_alsa_underruns_print_nothing_and_log_one_sentence(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    logger = open_app_log(tmp_path)
    try:
        once = OnceLog(logger.getChild("audio"))
        quiet = AlsaMessages(once)
        assert quiet.active
        library = ctypes.CDLL(ASOUND)
        for _ in range(36):
            _raise_alsa_error(library, b"underrun occurred")
        once.summary()
        quiet.close()
    finally:
        for handler in logger.handlers:
            handler.flush()
    out, err = capfd.readouterr()
    assert "underrun" not in out + err
    lines = log_path(tmp_path).read_text(encoding="utf-8").splitlines()
    underruns = [line for line in lines if "ran short of sound data" in line]
    assert len(underruns) == 1
    assert any("happened 36 times" in line for line in lines)


def test_a_problem_is_logged_once_and_counted_after(tmp_path: Path) -> None:
    logger = open_app_log(tmp_path)
    once = OnceLog(logger)
    for _ in range(5):
        once.problem("device gone", "Sound output: the headset was unplugged.")
    once.summary()
    for handler in logger.handlers:
        handler.flush()
    text = log_path(tmp_path).read_text(encoding="utf-8")
    assert text.count("the headset was unplugged") == 1
    assert "device gone happened 5 times" in text


def test_the_app_log_goes_to_the_data_folder_not_the_terminal(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    logger = open_app_log(tmp_path)
    logging.getLogger("vita.audio").warning("a sentence for the file")
    for handler in logger.handlers:
        handler.flush()
    _, err = capfd.readouterr()
    assert "a sentence for the file" not in err
    assert "a sentence for the file" in log_path(tmp_path).read_text(encoding="utf-8")
