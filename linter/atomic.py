"""Write files atomically: the old content or the new one survives a crash, never a mix.

Kept free of heavy imports so that a process can use it cheaply (and a test can
kill such a process hundreds of times).
"""

from __future__ import annotations

import codecs
import os
import stat
import tempfile

from linter.errors import InputError


def write_fixed(path: str, text: str, encoding: str) -> None:
    """Write `text` over `path` atomically, in its encoding, with its permissions.

    Raises InputError (one line) for a read-only file or text the encoding cannot hold.
    """
    target = os.path.realpath(path)
    try:
        info = os.stat(target)
    except OSError as exc:
        raise InputError(f"cannot fix: {exc.strerror or exc}", path) from None
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise InputError("read-only file: not fixed (make it writable first)", path)
    atomic_write(target, encode_like(target, text, encoding, path), stat.S_IMODE(info.st_mode))


def atomic_write(target: str, data: bytes, mode: int) -> None:
    """Temp file in the same folder, fsync, permissions, rename over `target`, fsync the folder."""
    folder = os.path.dirname(target) or "."
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.",
                                         suffix=".disclint-tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError:
        pass


def encode_like(original_path: str, text: str, encoding: str, shown: str) -> bytes:
    """Encode as the original was: same codec, same byte-order mark and byte order."""
    codec = codecs.lookup(encoding).name
    if codec in ("utf-16", "utf-32"):
        with open(original_path, "rb") as handle:
            head = handle.read(4)
        width = "16" if codec == "utf-16" else "32"
        big = head.startswith(codecs.BOM_UTF16_BE if width == "16" else codecs.BOM_UTF32_BE)
        bom = {("16", True): codecs.BOM_UTF16_BE, ("16", False): codecs.BOM_UTF16_LE,
               ("32", True): codecs.BOM_UTF32_BE, ("32", False): codecs.BOM_UTF32_LE}[(width, big)]
        try:
            return bom + text.encode(f"utf-{width}-{'be' if big else 'le'}")
        except UnicodeEncodeError as exc:
            raise InputError(f"cannot fix: the fixed text cannot be written as {encoding} ({exc.reason})",
                             shown) from None
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        character = exc.object[exc.start:exc.end]
        raise InputError(f"cannot fix: {character!r} cannot be written in {encoding}", shown) from None


def write_new_file(path: str, text: str) -> None:
    """Write a UTF-8 file atomically, creating it if needed (baselines)."""
    target = os.path.realpath(path)
    mode = stat.S_IMODE(os.stat(target).st_mode) if os.path.exists(target) else 0o644
    atomic_write(target, text.encode("utf-8"), mode)
