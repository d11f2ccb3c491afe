"""Errors to words in one place: every typed core error carries data, and vita.errors_text says it in a
sentence an officer can act on, the same for the window and the command line."""

from __future__ import annotations

import inspect
from pathlib import Path

from vita.content.model import Answer, Audience
from vita.errors_text import explain
from vita.interview.controller import AnswerNotOffered, EmptyPlan, NotAQuestion
from vita.store import errors as store_errors
from vita.store.settings import BadSettingValue, UnknownSetting

from vita import errors_text

PATH = Path("/data/vita.db")
SAMPLE_ARGUMENTS = {"path": PATH, "why": "THE-WHY", "detail": "THE-DETAIL", "what": "THE-WHAT", "mode": "delete",
                    "found": 9, "supported": 2, "version": 3, "interview_id": "IID-1", "expected": 4, "got": 6,
                    "variable": "VITA_PASSPHRASE", "free_kib": 12}  # fmt: skip


def every_store_error() -> list[store_errors.StoreError]:
    made = []
    for _name, kind in inspect.getmembers(store_errors, inspect.isclass):
        if issubclass(kind, store_errors.StoreError) and kind is not store_errors.StoreError:
            parameters = inspect.signature(kind.__init__).parameters
            made.append(kind(**{p: SAMPLE_ARGUMENTS[p] for p in parameters if p != "self"}))
    return made


def test_every_store_error_has_its_own_sentence_naming_its_data() -> None:
    generic = explain(store_errors.StoreError(PATH))
    errors = every_store_error()
    assert len(errors) >= 15
    for error in errors:
        words = explain(error)
        assert words != generic and "unexpected" not in words, type(error).__name__
        for value in vars(error).values():
            if value is not None and not isinstance(value, Path | type(None)):
                assert str(value) in words, (type(error).__name__, value)
        assert type(error).__name__ in str(error)  # a log names the class and its data, not a sentence


def test_the_exceptions_carry_data_not_sentences() -> None:
    """The words live in errors_text only: no store error's arguments hold a sentence."""
    for error in every_store_error():
        assert all(not (isinstance(arg, str) and " " in arg) for arg in error.args), type(error).__name__


def test_the_controllers_and_the_settings_refusals_are_explained() -> None:
    assert "not a question" in explain(NotAQuestion("opening.greeting"))
    assert "'maybe'" not in explain(AnswerNotOffered("safety.hurt", Answer.NO_ANSWER))
    assert "no_answer" in explain(AnswerNotOffered("safety.hurt", Answer.NO_ANSWER))
    assert "child" in explain(EmptyPlan(Audience.CHILD))
    assert "'colour'" in explain(UnknownSetting("colour"))
    assert "'loud' is not a number from 0 to 1" in explain(BadSettingValue("volume", "loud", "a number from 0 to 1"))


def test_an_unknown_error_still_gets_a_sentence_that_says_what_is_safe() -> None:
    words = explain(ZeroDivisionError("division by zero"))
    assert "ZeroDivisionError" in words and errors_text.SAFE in words


def test_a_refused_clip_is_explained_as_a_text_only_message_without_naming_its_file() -> None:
    """The officer learns that the message is shown as text and why, not where the file is; the log line (the
    error's own str) keeps the path and the decoder's words."""
    from vita.audio.errors import ClipRefused

    clip = Path("/opt/vita/audio/en/safety.hurt.opus")
    error = ClipRefused(("en", "safety.hurt", ""), clip, "the file cannot be decoded as sound", f"{clip}: bad header")
    words = explain(error)
    assert words == (
        "The recording of this message cannot be used: the file cannot be decoded as sound. "
        "The message is shown as text only."
    )
    assert str(clip) in str(error) and "bad header" in str(error)
    leaky = ClipRefused(("en", "safety.hurt", ""), clip, f"{clip} is missing")  # a reason that names the path
    assert str(clip) not in explain(leaky) and "the file is missing" in explain(leaky)
