"""pickle's C implementation, without importing the `pickle` module.

`pickle` is a Python module around the `_pickle` accelerator: importing it runs its
whole Python implementation (and a pattern compile, and a failed import of Jython's
classes) before it takes `_pickle`'s functions, about a millisecond of a run that
lints one file. Its `dumps`, `loads` and `Unpickler` are `_pickle`'s, which are taken
here directly; an interpreter without the accelerator gets `pickle`'s own.
"""

try:
    from _pickle import Unpickler, dumps, loads
except ImportError:  # pragma: no cover - an interpreter without the C accelerator
    from pickle import Unpickler, dumps, loads  # noqa: F401

HIGHEST_PROTOCOL = 5  # pickle.HIGHEST_PROTOCOL on every Python disclint supports (3.10 and later)
