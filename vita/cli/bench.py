"""`vita bench --json`: performance figures measured on this machine, printed as one JSON object.

Each measurement is a separate function taking the paths and the parsed arguments and returning its own
keys; add a new one (the GUI's start-up time, peak memory…) by appending it to MEASUREMENTS. A figure
that cannot be measured here is null, with the reason on stderr, and the command then exits with 1.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from vita.paths import Paths
from vita.relaunch import self_command, self_env

Measurement = Callable[[Paths, argparse.Namespace], dict[str, Any]]


def note(text: str) -> None:
    """Context for a figure (which device, which language), on stderr so that stdout stays pure JSON."""
    print(f"bench: {text}", file=sys.stderr)


def measure_audio(paths: Paths, args: argparse.Namespace) -> dict[str, Any]:
    """click_to_sound_ms {p50, p95}, language_switch_ms, decode_ms_per_clip, library_mb."""
    from vita.audio import default_backend
    from vita.audio.cache import ClipLibrary
    from vita.audio.errors import AudioError, ManifestError
    from vita.audio.manifest import load_manifest
    from vita.audio.measure import click_to_sound_ms, decode_ms_per_clip, language_switch_ms, library_mb, pick_language

    figures: dict[str, Any] = {
        "click_to_sound_ms": None,
        "language_switch_ms": None,
        "decode_ms_per_clip": None,
        "library_mb": library_mb(paths.audio_dir),
    }
    try:
        manifest = load_manifest(paths.audio_dir)
    except ManifestError as exc:
        note(f"audio: {exc}")
        return figures
    language, other = pick_language(manifest, args.lang)
    if language is None:
        note(f"audio: no clips in {paths.audio_dir}")
        return figures
    library = ClipLibrary(paths.audio_dir, manifest)
    clips = len(manifest.for_language(language))
    note(f"audio: language {language} ({clips} clips), switching from {other or 'nothing'}")
    figures["decode_ms_per_clip"] = decode_ms_per_clip(library, language)
    figures["language_switch_ms"] = language_switch_ms(library, language, other)
    try:
        backend = default_backend()
        devices = backend.devices()
        device = next((d for d in devices if args.device and args.device in d.name), None)
        if args.device and device is None:
            raise AudioError(f"no output device named like {args.device!r}: {', '.join(d.name for d in devices)}")
        note(f"audio: output device {device.name if device else 'system default'}")
        figures["click_to_sound_ms"] = click_to_sound_ms(library, language, backend, device)
    except AudioError as exc:
        note(f"audio: click_to_sound_ms not measured: {exc}")
    return figures


def _gui_child(paths: Paths, *args: str) -> subprocess.Popen[str]:
    """A fresh process running vita.gui.benchmark offscreen, with its own throw-away data folder."""
    env = self_env(dict(os.environ, QT_QPA_PLATFORM="offscreen", VITA_CONTENT=str(paths.content_root)))
    env["VITA_DATA"] = tempfile.mkdtemp(prefix="vita-bench-gui-")
    command = self_command("_gui-benchmark", *args)
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)


def measure_gui_startup(paths: Paths, args: argparse.Namespace) -> dict[str, Any]:
    """startup_to_window_s: from starting the process to the app's first window on screen (median of 3)."""
    runs: list[float] = []
    ready: list[float] = []
    for _ in range(3):
        started = time.perf_counter()
        child = _gui_child(paths, "startup")
        assert child.stdout is not None
        for line in child.stdout:
            if line.strip() == "shown":
                runs.append(time.perf_counter() - started)
            elif line.strip() == "ready":
                ready.append(time.perf_counter() - started)
        if child.wait(timeout=120) != 0 or not runs:
            note("gui: the app did not start (see the error above)")
            return {"startup_to_window_s": None}
    note(f"gui: window shown after {', '.join(f'{r:.2f}' for r in runs)} s; every screen ready after "
         f"{', '.join(f'{r:.2f}' for r in ready)} s")  # fmt: skip
    return {"startup_to_window_s": round(statistics.median(runs), 3)}


def measure_gui_memory(paths: Paths, args: argparse.Namespace) -> dict[str, Any]:
    """peak_rss_mb: peak resident memory of the app after a whole scripted interview and its export."""
    child = _gui_child(paths, "interview", args.lang or "en")
    out, _ = child.communicate(timeout=600)
    try:
        result = json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        note("gui: the scripted interview did not finish (see the error above)")
        return {"peak_rss_mb": None}
    note(
        f"gui: scripted interview in {result['language']}, exported: {bool(result['exported'])}; peak before unlocking "
        f"{result['peak_before_unlock_mb']} MB, after the key derivation (scrypt) {result['peak_after_unlock_mb']} MB"
    )
    return {"peak_rss_mb": result["peak_rss_mb"]}


MEASUREMENTS: list[Measurement] = [measure_audio, measure_gui_startup, measure_gui_memory]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("bench", help="measure performance on this machine")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON (the only output form)")
    parser.add_argument("--lang", default=None, help="language to measure (default: the one with most clips)")
    parser.add_argument("--device", default=None, help="output device, by part of its name (default: system default)")
    parser.set_defaults(handler=run_bench)


def run_bench(args: argparse.Namespace, paths: Paths) -> int:
    figures: dict[str, Any] = {}
    for measurement in MEASUREMENTS:
        figures.update(measurement(paths, args))
    json.dump(figures, sys.stdout, indent=2)
    print()
    return 1 if any(value is None for value in figures.values()) else 0
