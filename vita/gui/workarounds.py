"""Work-arounds for bugs in the libraries under the GUI, each with the reason and how to tell it is gone.

PySide6 6.12.0 (its abi3 wheels) hands back None from every method that returns nothing without taking a
reference to it. From Python 3.12 on None is immortal and that is harmless; under 3.11 each such call lowers
None's reference count by one, and after some thousands of calls the process aborts with "Fatal Python error:
none_dealloc". `tests/gui/test_workarounds.py` shows the leak and that the guard holds; when a PySide6 release
fixes it, the test that shows the leak fails and this module can go.
"""

from __future__ import annotations

import ctypes
import sys

# None can never be freed anyway; this only makes sure no leak of references can make CPython try.
SPARE_REFERENCES = 1 << 40


def none_needs_guard() -> bool:
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def keep_none_alive() -> None:
    """Give None a reference count that leaked decrements cannot use up (CPython before 3.12 only)."""
    if not none_needs_guard():
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field of every object
    if refcount.value < SPARE_REFERENCES // 2:
        refcount.value += SPARE_REFERENCES
