"""Work-arounds for the libraries under the GUI, each with the reason and how to tell it is no longer needed.

1. PySide6 6.12.0 (its abi3 wheels) hands back None from every method that returns nothing without taking a
   reference to it. From Python 3.12 on None is immortal and that is harmless; under 3.11 each such call lowers
   None's reference count by one, and after some thousands of calls the process aborts with "Fatal Python error:
   none_dealloc". pyproject.toml pins below that release, and `keep_none_alive` guards anyway.
   `tests/gui/test_units.py` shows whether the installed PySide6 leaks and that the guard holds.

2. Importing PySide6 replaces Python's `__import__` with its own, for `from __feature__ import snake_case` (a
   PySide option VITA does not use): after every import statement it reads the whole source of the module
   named, once per module, to see whether it mentions PySide6. Before the first window that is about 90
   modules and 10–15 ms, an eighth of what VITA adds to a bare window's start. `drop_feature_import_hook` puts
   back the import the hook replaced, `builtins.__orig_import__`: in 6.11 not Python's own but Shiboken's
   lazy import, a thin wrapper that passes each import to Python's and is kept as PySide set it up. The
   package `vita.gui` calls it once PySide6 is loaded. `tests/gui/test_units.py` fails when a PySide6 release
   no longer installs the hook: then this one can go.
"""

from __future__ import annotations

import builtins
import sys

# None can never be freed anyway; this only makes sure no leak of references can make CPython try.
SPARE_REFERENCES = 1 << 40


def none_needs_guard() -> bool:
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def keep_none_alive() -> None:
    """Give None a reference count that leaked decrements cannot use up (CPython before 3.12 only). `launch`
    calls it once the window is on screen (ctypes is one more module before it, and the first window makes
    a few hundred calls, far from the thousands the leak needs)."""
    if not none_needs_guard():
        return
    import ctypes

    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field of every object
    if refcount.value < SPARE_REFERENCES // 2:
        refcount.value += SPARE_REFERENCES


def feature_import_hook_installed() -> bool:
    """Whether `__import__` is PySide6's feature hook (it keeps the one it replaced as `builtins.__orig_import__`)."""
    return getattr(builtins, "__orig_import__", None) is not None and builtins.__import__ is getattr(
        builtins, "__feature_import__", None
    )


def drop_feature_import_hook() -> None:
    """Put back the `__import__` PySide6's feature hook replaced (see the module's docstring)."""
    if feature_import_hook_installed():
        builtins.__import__ = builtins.__orig_import__  # type: ignore[attr-defined]
