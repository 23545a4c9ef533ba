"""Reading untrusted bytes as text: detect the encoding, refuse binary files."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes


class NotText(ValueError):
    """The bytes are not a text document (binary, or no encoding reads them)."""


_BINARY_SIGNATURES = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b")


_ESCAPED = re.compile("[\udc80-\udcff]")
# A UTF-8 page with this many invalid bytes (or one in a thousand) is still read as UTF-8, the
# bad bytes replaced by U+FFFD and counted (`replaced_bytes`): a stray Windows-1252 byte in a
# UTF-8 page must not make the whole page be read in another code page. Then Windows-1252
# (a superset of Latin-1's printable characters, what Indonesian sites not in UTF-8 use)
# before detection among the other code pages.
MAX_REPLACED = 8

# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name): a byte order mark, UTF-8, Windows-1252, then detection."""
    if not data.strip():
        raise NotText("the file is empty")
    if data.startswith(_BINARY_SIGNATURES):
        raise NotText("this is a binary file (image, PDF or archive), not text")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as error:
                raise NotText(f"the file starts as {name} but is not valid {name}") from error
            if "\x00" in text:
                raise NotText("the file contains NUL characters: it is binary, not text")
            return text, name
    if b"\x00" in data:
        raise NotText("the file contains NUL bytes: it is binary, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace"), "utf-8"
    try:
        return _text_check(data.decode("cp1252")), "cp1252"
    except (UnicodeDecodeError, NotText):
        pass
    best = from_bytes(data).best()
    if best is None:
        raise NotText("no text encoding could read this file")
    return _text_check(str(best)), best.encoding


def _text_check(text: str) -> str:
    controls = sum(
        1 for c in text if (ord(c) < 32 and c not in "\n\r\t\f") or 0x7F <= ord(c) < 0xA0
    )
    if controls > len(text) * 0.05:
        raise NotText("the file is mostly control characters: it is binary, not text")
    return text


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few stray bytes: more valid multi-byte characters than invalid bytes, and
    at most MAX_REPLACED (or one in a thousand) invalid. A single-byte page has no valid
    multi-byte character at all."""
    text = data.decode("utf-8", errors="surrogateescape")
    invalid = len(_ESCAPED.findall(text))
    multibyte = sum(1 for c in text if ord(c) > 0x7F) - invalid
    return multibyte > invalid and invalid <= max(MAX_REPLACED, len(data) // 1000)


def _invalid_utf8(data: bytes) -> int:
    """How many bytes are not valid UTF-8 (surrogateescape turns each into one U+DC80-U+DCFF)."""
    return len(_ESCAPED.findall(data.decode("utf-8", errors="surrogateescape")))


def replaced_bytes(data: bytes, encoding: str) -> int:
    """Bytes of `data` that reading it as `encoding` replaced (0 when every byte was valid)."""
    if encoding != "utf-8":
        return 0
    return _invalid_utf8(data)
