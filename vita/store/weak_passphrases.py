"""Passphrases too common or too repetitive to protect a store, judged offline from a small built-in list.

A stolen laptop's store is attacked by guessing: the first guesses are the most common passwords and the
trivially repeated ones, whatever their length. This list holds the long-enough ones that appear at the top
of every public leak list (8 characters or more, since shorter ones are refused anyway), and the rules
refuse the shapes guessers try first: one character repeated, a short block repeated, a keyboard row or a
run of consecutive digits or letters.
"""

from __future__ import annotations

import itertools
import unicodedata

COMMON = frozenset(
    """
    password password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword pa55word passwort
    motdepasse contraseña contrasena senha1234 parola123 wachtwoord haslo123 sifre123 пароль123 parol123
    12345678 123456789 1234567890 0123456789 987654321 87654321 11111111 00000000 12341234 12121212 11223344
    123123123 1q2w3e4r 1q2w3e4r5t 1qaz2wsx qwertyui qwertyuiop qwerty123 qwerty12 qwerty1234 azertyuiop
    azerty123 asdfghjk asdfghjkl zxcvbnm1 iloveyou iloveyou1 sunshine princess football baseball welcome1
    welcome123 letmein1 letmein123 trustno1 superman batman123 starwars whatever dragon123 monkey123 abc12345
    abcd1234 abcdefgh abcdefg1 aa123456 admin123 administrator changeme changeme123 default1 computer internet
    samsung1 michael1 jennifer charlie1 shadow12 master12 football1 11111111a q1w2e3r4 q1w2e3r4t5 zaq12wsx
    1234qwer qwer1234 passpass secret123 topsecret vita1234 vitavita vita2026 unodc123 police123 polizei1
    border123 officer1
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
KEYBOARD_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qwertzuiop", "йцукенгшщзхъ")


def _normalised(passphrase: str) -> str:
    return "".join(unicodedata.normalize("NFKC", passphrase).casefold().split())


def _is_run(text: str) -> bool:
    """abcdefgh, 23456789, 98765432: each character one after (or before) the previous."""
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(text)}
    return len(text) > 1 and steps in ({1}, {-1})


def _is_keyboard_walk(text: str) -> bool:
    return any(text in row or text in row[::-1] for row in KEYBOARD_ROWS) or any(
        text in row * 3 for row in KEYBOARD_ROWS
    )


def weakness(passphrase: str) -> str | None:
    """Why the passphrase is too easy to guess, in plain words; None if it is not one of the obvious ones."""
    text = _normalised(passphrase)
    if not text:
        return None
    if len(set(text)) == 1:
        return "it is one character repeated, which is among the first things anyone tries"
    for size in range(2, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return f"it repeats '{passphrase.strip()[:size]}', which is among the first things anyone tries"
    if text in COMMON:
        return "it is one of the most common passwords, which anyone who steals the computer tries first"
    if _is_run(text) or _is_keyboard_walk(text):
        return "it is a row of keys or a run of letters or digits, which anyone tries first"
    return None


MIN_PASSPHRASE_LENGTH = 8  # what the first-start dialog should ask for; the store itself refuses only empty ones


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is too weak to protect the store, in plain words; None if it will do."""
    if len(passphrase.strip()) < MIN_PASSPHRASE_LENGTH:
        return f"use at least {MIN_PASSPHRASE_LENGTH} characters; a short sentence is easy to remember"
    why = weakness(passphrase)
    if why:
        return f"{why}; a short sentence of your own is easy to remember and hard to guess"
    return None
