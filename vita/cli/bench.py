"""`vita bench --json`: performance figures measured on this machine, through the app's real paths, as JSON.

Run it as `bash tools/dev bench`: that sets up the virtual display and the PulseAudio null sink whose monitor
is recorded as the reference for the sound figures. What each key means:

key_to_audible_ms             {p50, p95}: a real key press (Space) on the interview screen of the real app to
                              the clip's first sample at or above its speech threshold (vita.audio.onset)
                              reaching the sound server, right after a previous play. Measured on a recording
                              of the sink's monitor (vita.audio.loopback); "source" says "portaudio" where
                              no recording can be made and PortAudio's own clock was used instead.
key_to_audible_after_idle_ms  the same, for a key pressed after --idle-s seconds without sound.
key_to_audible_portaudio_ms   {p50, p95} of the app's own estimate (PortAudio's DAC time), beside the reference.
audio_underruns               blocks the output wanted before the app gave them, over the whole run.
output_buffer_ms              the output buffer at the end of the run: 40 ms, doubled after each underrun.
idle_cpu_percent              the app's CPU (all threads) over --cpu-s seconds on the interview screen.
language_ready_ms             language chosen -> the interview's first message playable: its first part (the
                              0.5 s that its start depends on, vita.audio.onset) decoded, the rest decoding
                              behind it while it plays (vita.audio.stream); timed by the decoder.
language_ready_seen_ms        the same, until the GUI thread sees it: also counts the GUI's own work on the
                              next screen (the form), which the officer is shown meanwhile.
language_all_decoded_ms       language chosen -> every clip of the language decoded.
language_ready_worst_ms       {ms, language, median_ms, languages, seen_ms, seen_median_ms}: language_ready_ms
                              of every language with clips, each chosen in turn in one run of the app; the
                              slowest (seen_*: language_ready_seen_ms, the slowest and the median).
startup_to_window_s           process start -> window on screen, through the real `vita` entry point, as an
                              officer's everyday start: Python's compiled bytecode is kept (as an installed
                              package and the bundle have it), after one start that is not counted.
startup_floor_s               the same for a bare PySide6 window (`vita --startup-floor`), same run.
startup_styled_floor_s        the same for the least a real screen costs (`vita --startup-floor styled`: the style
                              sheet, a plain-text label, a field and a button; vita/gui/bare.py).
startup_ratio                 startup_to_window_s / startup_floor_s, start by start: the median of each app start
                              over the bare floor started just before it (a virtual machine's speed can change
                              from one second to the next; a pair started together shares it).
peak_rss_mb                   peak memory of a whole interview with real sound in the largest language.
unlock_kdf_ms                 the key derivation (scrypt) of an unlock.
store_open_10k_ms             the rest of the unlock, on a store of 10,000 finished interviews.
retention_10k_ms              the retention rule that runs after every unlock, when nothing is due.
unfinished_10k_ms             the unfinished interviews the start screen lists after every unlock.
list_10k_ms, stats_10k_ms     listing every interview; `vita stats` counts over all of them.
stats_10k_peak_mb             peak memory of the process that ran the five above.
stats_10k_added_mb            how much the statistics raised that peak (flat: they stream one row at a time).
integrity_check_10k_ms        the full integrity check the app runs at lock every `integrity_check_days`: every
                              page read; other store calls (an unlock typed meanwhile) wait for it.
store_cpu_ms                  {open, retention, unfinished, list, stats, integrity}: their CPU time (the wall-clock
                              figures include waiting for a core on a shared machine).
decode_ms_per_clip, library_mb
studio_keep_ms                the recording studio (vita/cli/bench_studio.py), in the largest language with a
                              scratch overlay: each of 5 keeps (encode, the language's folder swapped, re-read).
studio_open_ms, studio_languages_ms, take_process_ms  opening a sitting; the language list with progress; each
                              48 kHz take resampled, trimmed and normalised.

A figure that cannot be measured here is null, with the reason on stderr, and the command exits with 1.
Every file and process the run makes is removed, even when it is interrupted (Ctrl+C, SIGTERM); the
10,000-interview store is kept in the cache folder (--cache) for the next run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from vita.paths import Paths
from vita.relaunch import is_frozen, self_command, self_program


def note(text: str) -> None:
    """Context for a figure (which device, which language), on stderr so that stdout stays pure JSON."""
    print(f"bench: {text}", file=sys.stderr, flush=True)


class Run:
    """One benchmark run: a scratch folder and the child processes, all removed when the run ends."""

    def __init__(self, paths: Paths, args: argparse.Namespace) -> None:
        self.paths = paths
        self.args = args
        self.scratch = Path(tempfile.mkdtemp(prefix="vita-bench-"))
        self.children: list[subprocess.Popen[str]] = []

    def folder(self, name: str) -> Path:
        path = self.scratch / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def env(self, data: str, *, display: bool = False) -> dict[str, str]:
        """The children's environment: their own data folder; a real (virtual) display only when asked."""
        env = dict(os.environ, VITA_CONTENT=str(self.paths.content_root), VITA_DATA=str(self.folder(data)))
        # Python keeps its compiled modules, as it does for an officer: an environment that forbids writing them
        # would have every start compile the app again. They go to the run's folder, never into the sources.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(self.folder("pycache"))
        if display and os.environ.get("VITA_TEST_DISPLAY"):
            env["DISPLAY"] = os.environ["VITA_TEST_DISPLAY"]
            env.pop("QT_QPA_PLATFORM", None)
        elif not display or not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
            env["QT_QPA_PLATFORM"] = "offscreen"
        return env

    def start(self, command: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
        child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
        self.children.append(child)
        return child

    def finish(self, child: subprocess.Popen[str], timeout: float) -> tuple[str, int]:
        try:
            out, _ = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            out, _ = child.communicate()
            note(f"{child.args!r} did not finish in {timeout:.0f} s")
            return out, -1
        return out, child.returncode

    def close(self) -> None:
        for child in self.children:
            if child.poll() is None:
                child.kill()
                child.wait()
        shutil.rmtree(self.scratch, ignore_errors=True)


@contextmanager
def interruptible() -> Iterator[None]:
    """SIGTERM and SIGHUP end the run like Ctrl+C, so that its `finally` clean-up runs."""

    def stop(signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM))}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def percentiles(values: list[float]) -> dict[str, float] | None:
    if not values:
        return None
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 1), "p95": round(p95, 1), "plays": len(ordered)}


def vita_command() -> list[str]:
    """The real entry point: the `vita` script installed beside this Python, else `python -m vita`."""
    script = Path(sys.executable).with_name("vita.exe" if os.name == "nt" else "vita")
    return [str(script)] if script.exists() and not is_frozen() else self_program()


def language_for(paths: Paths, wanted: str | None) -> str | None:
    from vita.audio.errors import ManifestError
    from vita.audio.manifest import load_manifest
    from vita.audio.measure import largest_language

    try:
        return largest_language(load_manifest(paths.audio_dir), wanted)
    except ManifestError as exc:
        note(f"audio: {exc}")
        return None


# -- measurements -----------------------------------------------------------------------------------------


def measure_decode(run: Run) -> dict[str, Any]:
    """decode_ms_per_clip and library_mb: no device needed."""
    from vita.audio.cache import ClipLibrary
    from vita.audio.manifest import load_manifest
    from vita.audio.measure import decode_ms_per_clip, library_mb

    figures: dict[str, Any] = {"decode_ms_per_clip": None, "library_mb": library_mb(run.paths.audio_dir)}
    language = language_for(run.paths, run.args.lang)
    if language is not None:
        library = ClipLibrary(run.paths.audio_dir, load_manifest(run.paths.audio_dir))
        figures["decode_ms_per_clip"] = decode_ms_per_clip(library, language)
    return figures


def measure_startup(run: Run) -> dict[str, Any]:
    """startup_to_window_s beside the floors: medians of alternating runs of the same entry point."""
    kinds = {"floor": ["--startup-floor"], "styled": ["--startup-floor", "styled"], "app": []}
    keys = {"app": "startup_to_window_s", "floor": "startup_floor_s", "styled": "startup_styled_floor_s"}
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    for start in range(run.args.starts + 1):  # the first start of each writes the bytecode: not counted
        for kind, extra in kinds.items():
            started = time.perf_counter()
            child = run.start([*vita_command(), "--exit-when-shown", *extra], run.env(f"start-{kind}", display=True))
            out, status = run.finish(child, timeout=120)
            shown = [float(line.split()[1]) for line in out.splitlines() if line.startswith("shown ")]
            if status != 0 or not shown:
                note(f"startup: `vita {' '.join(extra)}` showed no window (exit status {status})")
                return dict.fromkeys([*keys.values(), "startup_ratio"])
            if start == 0:
                note(f"startup: first start (bytecode written) of `vita {' '.join(extra)}`: {shown[0] - started:.2f} s")
            else:
                times[kind].append(shown[0] - started)
    medians = {kind: statistics.median(times[kind]) for kind in kinds}
    paired = statistics.median(app / floor for app, floor in zip(times["app"], times["floor"], strict=True))
    where = "virtual display" if os.environ.get("VITA_TEST_DISPLAY") else "display"
    runs = "; ".join(f"{kind} {', '.join(f'{t:.2f}' for t in times[kind])} s" for kind in kinds)
    ratios = (
        f"ratio of the medians {medians['app'] / medians['floor']:.2f}, start by start {paired:.2f}, "
        f"styled floor {medians['styled'] / medians['floor']:.2f}"
    )
    note(f"startup on the {where}: {runs}; {ratios}")
    return {**{keys[kind]: round(medians[kind], 3) for kind in kinds}, "startup_ratio": round(paired, 2)}


def measure_interaction(run: Run) -> dict[str, Any]:
    """The sound and idle figures, from one run of the real app (vita.gui.benchmark latency)."""
    from vita.audio.loopback import MonitorRecorder, RecorderUnavailable

    keys = ["key_to_audible_ms", "key_to_audible_after_idle_ms", "key_to_audible_portaudio_ms", "audio_underruns",
            "idle_cpu_percent", "language_ready_ms", "language_ready_seen_ms", "language_all_decoded_ms"]  # fmt: skip
    figures: dict[str, Any] = dict.fromkeys(keys)
    language = language_for(run.paths, run.args.lang)
    if language is None:
        return figures
    args = run.args
    command = [*self_command("_gui-benchmark", "latency", language),
               str(args.plays), str(args.idle_plays), str(args.idle_s), str(args.cpu_s)]  # fmt: skip
    recorder: MonitorRecorder | None = None
    try:
        recorder = MonitorRecorder()
        recorder.start()
    except RecorderUnavailable as exc:
        recorder = None
        note(f"sound: no loopback reference ({exc}); using PortAudio's clock")
    try:
        out, status = run.finish(run.start(command, run.env("interaction")), timeout=120 + 3 * args.plays + 2 * (
            args.idle_s + 2) * args.idle_plays)  # fmt: skip
        time.sleep(0.3)  # the last clip's samples are still on their way to the recording
    finally:
        if recorder is not None:
            recorder.stop()
    events = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    if status != 0:
        note(f"sound: the app ended with status {status}")
    for event in events:
        if event["event"] == "language_ready":
            figures["language_ready_ms"] = round(event["ms"], 1)
            figures["language_ready_seen_ms"] = round(event["seen_ms"], 1)
        elif event["event"] == "language_all_decoded":
            figures["language_all_decoded_ms"] = round(event["ms"], 1)
        elif event["event"] == "idle_cpu":
            figures["idle_cpu_percent"] = round(event["percent"], 3)
        elif event["event"] == "underruns":
            figures["audio_underruns"] = event["count"]
            figures["output_buffer_ms"] = round(event["buffer_ms"], 1)
        elif event["event"] == "idle_state" and event["stream_open"]:
            note("sound: the output stream was still open after the idle period")
        elif event["event"] in ("no_sound", "play_failed"):
            note(f"sound: {event}")
    plays = [e for e in events if e["event"] == "play"]
    note(f"sound: language {language}, {len(plays)} plays; load average {os.getloadavg()[0]:.1f}")
    figures["key_to_audible_portaudio_ms"] = percentiles(
        [(e["audible_at"] - e["key_at"]) * 1000 for e in plays if not e["idle"]]
    )
    measured = _loopback(recorder, plays, run.paths) if recorder is not None else None
    for key, idle in (("key_to_audible_ms", False), ("key_to_audible_after_idle_ms", True)):
        if measured is not None:
            values = [ms for e, ms in measured if e["idle"] is idle and ms is not None]
            source = "loopback"
        else:
            values = [(e["audible_at"] - e["key_at"]) * 1000 for e in plays if e["idle"] is idle]
            source = "portaudio"
        found = percentiles(values)
        figures[key] = None if found is None else {**found, "source": source}
    return figures


def _loopback(recorder: Any, plays: list[dict[str, Any]], paths: Paths) -> list[tuple[dict[str, Any], float | None]]:
    """Each play's key -> audible time on the recording of the sink (None where the clip was not found)."""
    from vita.audio import dsp
    from vita.audio.codec import decode
    from vita.audio.loopback import MATCH, RATE, find_speech
    from vita.audio.onset import speech_start, speech_threshold

    recording = recorder.samples()
    results: list[tuple[dict[str, Any], float | None]] = []
    differences = []
    for play in plays:
        decoded = decode(paths.audio_dir / play["clip"])
        pcm = dsp.resample(decoded.samples, decoded.rate, RATE)
        played = pcm[speech_start(pcm, RATE) :]
        found = find_speech(recording, recorder.index_at(play["key_at"]), played, speech_threshold(pcm))
        if found is None or found.correlation < MATCH:
            note(f"loopback: {play['clip']} not found after its key ({found})")
            results.append((play, None))
            continue
        audible = recorder.time_at(found.index)
        results.append((play, (audible - play["key_at"]) * 1000))
        differences.append((audible - play["audible_at"]) * 1000)
    if differences:
        note(f"loopback: {len(differences)} of {len(plays)} plays found on the recording; the sink heard them "
             f"{statistics.median(differences):+.1f} ms (median) after PortAudio's estimate")  # fmt: skip
    return results


def measure_languages(run: Run) -> dict[str, Any]:
    """language_ready_worst_ms: every language with clips chosen in turn in one run of the real app."""
    from vita.audio.errors import ManifestError
    from vita.audio.manifest import load_manifest

    try:
        manifest = load_manifest(run.paths.audio_dir)
    except ManifestError as exc:
        note(f"languages: {exc}")
        return {"language_ready_worst_ms": None}
    codes = sorted({clip.language for clip in manifest.clips})
    command = self_command("_gui-benchmark", "languages", ",".join(codes))
    out, status = run.finish(run.start(command, run.env("languages")), timeout=60 + 30 * len(codes))
    events = [e for e in (json.loads(line) for line in out.splitlines() if line.startswith("{"))
              if e["event"] == "language_ready"]  # fmt: skip
    ready = {e["language"]: e["ms"] for e in events}
    seen = [e["seen_ms"] for e in events]
    if status != 0 or not ready:
        note(f"languages: the app ended with status {status}, {len(ready)} of {len(codes)} languages measured")
        return {"language_ready_worst_ms": None}
    worst = max(ready, key=lambda code: ready[code])
    slowest = sorted(ready, key=lambda code: -ready[code])[:5]
    note(f"languages: {len(ready)} languages; slowest {', '.join(f'{c} {ready[c]:.0f} ms' for c in slowest)}")
    return {
        "language_ready_worst_ms": {
            "ms": round(ready[worst], 1),
            "language": worst,
            "median_ms": round(statistics.median(ready.values()), 1),
            "languages": len(ready),
            "seen_ms": round(max(seen), 1),
            "seen_median_ms": round(statistics.median(seen), 1),
        }
    }


def measure_memory(run: Run) -> dict[str, Any]:
    """peak_rss_mb: a whole interview in the largest language, real sound output, export included."""
    language = language_for(run.paths, run.args.lang)
    if language is None:
        return {"peak_rss_mb": None}
    command = self_command("_gui-benchmark", "interview", language)
    out, _status = run.finish(run.start(command, run.env("memory")), timeout=600)
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if not lines:
        note("memory: the scripted interview did not finish (see the error above)")
        return {"peak_rss_mb": None}
    result = json.loads(lines[-1])
    note(f"memory: interview in {language}, real sound output: {bool(result['real_output'])}, exported: "
         f"{bool(result['exported'])}; peak before unlocking {result['peak_before_unlock_mb']} MB, after the key "
         f"derivation {result['peak_after_unlock_mb']} MB")  # fmt: skip
    return {"peak_rss_mb": result["peak_rss_mb"] if result["real_output"] else None}


def measure_store(run: Run) -> dict[str, Any]:
    """The store figures on a cached 10,000-interview store (built on the first run)."""
    from vita.content.loader import load_content

    from vita.cli.bench_store import INTERVIEWS, cached_store

    keys = ["unlock_kdf_ms", "store_open_10k_ms", "retention_10k_ms", "unfinished_10k_ms", "list_10k_ms",
            "stats_10k_ms", "stats_10k_peak_mb", "stats_10k_added_mb", "integrity_check_10k_ms",
            "store_cpu_ms"]  # fmt: skip
    cache = run.args.cache or default_cache_dir()
    started, before = time.perf_counter(), set(cache.glob("*.db")) if cache.is_dir() else set()
    path = cached_store(cache, load_content(run.paths.content_root), INTERVIEWS)
    if path not in before:
        note(f"store: built {path} in {time.perf_counter() - started:.0f} s (kept for the next runs)")
    command = self_command("_bench-store", str(path))
    out, status = run.finish(run.start(command, run.env("store")), timeout=600)
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if status != 0 or not lines:
        note("store: the measurement failed (see the error above)")
        return dict.fromkeys(keys)
    result = json.loads(lines[-1])
    note(f"store: {result['interviews']} interviews, {path.stat().st_size / 1e6:.0f} MB; "
         f"peak memory before the statistics {result['before_stats_peak_mb']} MB")  # fmt: skip
    return {key: result[key] for key in keys}


def measure_studio(run: Run) -> dict[str, Any]:
    """The recording studio's waits: no device needed."""
    from vita.cli.bench_studio import measure

    language = language_for(run.paths, run.args.lang)
    if language is None:
        return dict.fromkeys(["studio_languages_ms", "studio_open_ms", "take_process_ms", "studio_keep_ms"])
    note(f"studio: keeps in {language}")
    return measure(run.paths, language, run.folder("studio"))


def default_cache_dir() -> Path:
    """Where the benchmark keeps its 10,000-interview store between runs: $VITA_BENCH_CACHE, else the
    platform's per-user cache folder."""
    if os.environ.get("VITA_BENCH_CACHE"):
        return Path(os.environ["VITA_BENCH_CACHE"])
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "VITA" / "Cache" / "bench"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "VITA" / "bench"
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "vita" / "bench"


MEASUREMENTS: dict[str, Callable[[Run], dict[str, Any]]] = {
    "decode": measure_decode,
    "startup": measure_startup,
    "interaction": measure_interaction,
    "languages": measure_languages,
    "memory": measure_memory,
    "store": measure_store,
    "studio": measure_studio,
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("bench", help="measure performance on this machine")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON (the only output form)")
    parser.add_argument("--lang", default=None, help="language to measure (default: the one with most audio)")
    parser.add_argument("--only", default=",".join(MEASUREMENTS), help=f"some of: {', '.join(MEASUREMENTS)}")
    parser.add_argument("--plays", type=int, default=30, help="key presses right after a previous play")
    parser.add_argument("--idle-plays", type=int, default=2, help="key presses after an idle period")
    parser.add_argument("--idle-s", type=float, default=30.0, help="length of each idle period, in seconds")
    parser.add_argument("--cpu-s", type=float, default=20.0, help="how long the idle CPU is measured")
    parser.add_argument("--starts", type=int, default=5, help="start-ups of the app (and of the bare window)")
    parser.add_argument("--cache", type=Path, default=None, help="folder for the cached 10,000-interview store")
    parser.set_defaults(handler=run_bench)


def run_bench(args: argparse.Namespace, paths: Paths) -> int:
    wanted = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in MEASUREMENTS]
    if unknown:
        print(f"unknown measurement(s): {', '.join(unknown)}; choose from {', '.join(MEASUREMENTS)}", file=sys.stderr)
        return 2
    figures: dict[str, Any] = {}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    try:
        with interruptible():
            run = Run(paths, args)
            try:
                for name in wanted:
                    figures.update(MEASUREMENTS[name](run))
            finally:
                run.close()
    except KeyboardInterrupt:
        note("interrupted: everything this run made is removed")
        return 130
    if load is not None:  # a shared machine: the figures depend on what else runs
        figures["load_average"] = [round(load, 2), round(os.getloadavg()[0], 2)]
    json.dump(figures, sys.stdout, indent=2)
    print()
    return 1 if any(value is None for value in figures.values()) else 0
