"""blake2b and sha1 without loading OpenSSL.

`hashlib` loads OpenSSL's libcrypto when imported (a few milliseconds of every
run's start-up); CPython's own `_blake2` and `_sha1` modules compute the same
digests. Elsewhere (another Python, a build without them) hashlib is used.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
    from _sha1 import sha1
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b, sha1

__all__ = ["blake2b", "sha1"]
