"""Read a file's bytes and decode them: size guard, binary guard, encoding detection.

The first step of the pipeline. Everything after it sees text, never bytes.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat

from linter.errors import InputError
from linter.records import NamedTuple

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Encodings a Chinese disclosure document is published in. Detection is limited to
# these so that GBK text is never "detected" as, say, Shift-JIS or cp1252.
_CANDIDATES = ["gb18030", "big5", "utf_16", "utf_16_le", "utf_16_be", "utf_32"]
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset-normalizer names -> the codec we decode with and report.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "hz": "gb18030", "cp936": "gb18030",
              "big5hkscs": "big5hkscs", "cp950": "cp950"}


class Source(NamedTuple):
    """A decoded file: display path, text exactly as decoded, and the encoding used.

    For container formats (docx, pdf) `text` is the text the reader extracted and
    `encoding` is None.
    """

    path: str
    text: str
    encoding: str | None


# worked out once: on Linux, asking for O_BINARY (Windows only) makes and drops an AttributeError
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_bytes(path: str, shown: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes; InputError with one clear line for every way reading can fail.

    The file is opened without blocking and checked on the open descriptor, so a FIFO
    (named pipe), a socket or a device named like a document is refused at once instead
    of hanging the run, and a file replaced between discovery and reading is judged as
    it is when read.
    """
    shown = shown or path
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError as exc:
        raise InputError(os_error_message(exc), shown) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a directory", shown)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{file_kind(info.st_mode)}, not a regular file: skipped", shown)
        if info.st_size > max_bytes:
            raise InputError(f"file too large ({info.st_size / 1048576:.1f} MiB, limit "
                             f"{max_bytes / 1048576:.0f} MiB)", shown)
        data = _read_up_to(descriptor, info.st_size, max_bytes + 1)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(os_error_message(exc), shown) from None
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:
        raise InputError(f"file too large (limit {max_bytes / 1048576:.0f} MiB)", shown)
    return data


_MORE = 65536  # bytes asked for at a time once the size `fstat` gave has been read


def _read_up_to(descriptor: int, expected: int, limit: int) -> bytes:
    """At most `limit` bytes of an open file, to its end; `expected` (its size by `fstat`) in one read.

    Asking for what is there, not for `limit` bytes, spares allocating (and freeing) a
    buffer of the whole size limit for every file; a file that grew since `fstat` is
    read on until its end or the limit. A first read that gives exactly the `fstat` size,
    one byte short of what it asked for, met the end of the file: no second read is made to
    be told so (a regular file's read returns less than asked only at its end).
    """
    parts = []
    total, size = 0, min(expected + 1, limit)
    while total < limit:
        part = os.read(descriptor, size)
        if not part:
            break
        if not parts and len(part) == expected < size:
            return part
        parts.append(part)
        total += len(part)
        size = min(_MORE, limit - total)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def os_error_message(exc: OSError) -> str:
    """One short line for an OSError met while opening or reading a file."""
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENXIO:
        return "a socket or a device, not a regular file: skipped"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return f"cannot read file: {exc.strerror or exc}"


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "a special file"


def read_source(path: str, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                declared: str | None = None) -> Source:
    """Read and decode `path`; raise InputError with one clear line on any problem."""
    shown = display or path
    text, encoding = decode_bytes(read_bytes(path, shown, max_bytes), shown, declared)
    return Source(shown, text, encoding)


def decode_bytes(data: bytes, shown: str = "<bytes>", declared: str | None = None) -> tuple[str, str]:
    """Decode bytes: BOM first, then a declared charset, then strict UTF-8, then detection."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                raise InputError(f"starts with a {codec} byte-order mark but is not valid {codec}",
                                 shown) from None
    if declared:
        codec = _codec_name(declared)
        if codec:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                pass  # a wrong declaration: fall through to detection
    has_nul = b"\x00" in data[:65536]
    if not has_nul:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    detected = None if has_nul else _plain_gb(data)
    if detected is None:
        detected = _detect(data)
    if detected is None:
        if has_nul:
            raise InputError("binary file (contains NUL bytes), not a text document", shown)
        raise InputError("cannot decode: not valid UTF-8, GB18030, Big5 or UTF-16", shown)
    return detected


def _codec_name(name: str) -> str | None:
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    return _SUPERSETS.get(codec, codec)


# The non-ASCII characters a text in GB2312's repertoire has at least, for its bytes to be read
# as GB18030 without asking the detector (see `_plain_gb`). Of 3,000 pieces of Big5 text
# with 2 such characters, 1% read as GB2312; with 3 or more, none did.
_PLAIN_GB2312_MIN_CHARS = 4


def _plain_gb(data: bytes) -> tuple[str, str] | None:
    """The text of GB18030 bytes whose every character is in GBK's repertoire, else None.

    This is nearly every Chinese file that is not UTF-8, and it needs no detection
    (which costs more than the rest of reading the file, and 25 ms to import). Most
    such files keep to GB2312's repertoire: every byte pair of such a text has both
    bytes in 0xA1-0xFE. Big5 text read this way fails on its many trail bytes in
    0x40-0x7E, UTF-16 text on its lead bytes in 0x80-0xA0 or its NULs. A text of fewer
    than `_PLAIN_GB2312_MIN_CHARS` non-ASCII characters is left to the detector, which
    also judges everything else. On short GB2312 texts the detector errs (it reads a
    title line as UTF-16, a table row as Big5); on whole documents the two agree.
    A text with Traditional characters too is taken as GBK only as `_gbk_not_big5` says.
    """
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        if not _gbk_not_big5(data, text):
            return None
    # (each GB2312 character is two bytes, each ASCII one: the extra bytes count the characters)
    if len(data) - len(text) < _PLAIN_GB2312_MIN_CHARS or _looks_binary(text):
        return None
    return text, "gb18030"


def _gbk_not_big5(data: bytes, text: str) -> bool:
    """Whether GB18030 bytes with characters outside GB2312 are GBK text (the detector agrees).

    Such a text is a Simplified report quoting Traditional names, or one written all in
    Traditional characters with a GBK input method. It is GBK when all its characters are
    in GBK's repertoire (two bytes each) and its bytes are not Big5: whole Big5 documents
    do not even read as GBK, and GBK documents fail as Big5 on their first GBK-only
    trail byte. As a guard against Big5 extensions Python's `big5` codec lacks, at most
    half the non-ASCII characters may be outside GB2312: Traditional GBK documents have
    about a third.
    """
    try:
        text.encode("gbk")
    except UnicodeEncodeError:
        return False
    try:
        data.decode("big5")
        return False
    except UnicodeDecodeError:
        pass
    non_ascii = len(data) - len(text)
    outside_gb2312 = (len(data) - len(text.encode("gb2312", "ignore"))) // 2
    return outside_gb2312 * 2 <= non_ascii


def _detect(data: bytes) -> tuple[str, str] | None:
    import charset_normalizer  # lazy: only files that are not UTF-8 pay for it

    best = charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        return _strict_fallback(data)
    codec = _SUPERSETS.get(best.encoding, best.encoding).replace("_", "-")
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    if _looks_binary(text):
        return None
    return text, codec


# Too little text for the detector to judge (a short GBK line such as 现。): the encodings a
# Chinese document is most likely in, tried strictly, the first that decodes wins.
_FALLBACKS = ("gb18030", "big5")
_FALLBACK_MAX_BYTES = 64


def _strict_fallback(data: bytes) -> tuple[str, str] | None:
    if len(data) > _FALLBACK_MAX_BYTES or b"\x00" in data:
        return None
    for codec in _FALLBACKS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _looks_binary(text):
            return text, codec
    return None


def _looks_binary(text: str) -> bool:
    """Control characters other than tab/newline/CR/FF in more than 1% of the text."""
    sample = text[:20000]
    if not sample:
        return False
    controls = len(_CONTROL.findall(sample))
    return controls > len(sample) / 100 or "\x00" in sample


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
