"""ISO 3166-1 alpha-2 country codes and their English names: what the start screen, the deployment file and
`vita simulate` accept as the country of an interview (the referral directory is narrowed by it)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def countries() -> dict[str, str]:
    """Every ISO 3166-1 alpha-2 code with its English short name (countries.json, from the iso-codes project)."""
    text = resources.files("vita.content").joinpath("countries.json").read_text(encoding="utf-8")
    return dict(json.loads(text)["countries"])


def country_name(code: str) -> str | None:
    """The English name of an ISO 3166-1 alpha-2 code ("TR" → "Türkiye"), or None when it is not one."""
    return countries().get(code.strip().upper()) if code.strip() else None


def describe_country(code: str) -> str:
    """A country as a record shows it: the name with the code ("Türkiye (TR)"); the code alone if unknown."""
    name = country_name(code)
    return f"{name} ({code})" if name else code
