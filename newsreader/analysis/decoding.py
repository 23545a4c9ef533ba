"""Reading untrusted bytes as text: detect the encoding, refuse binary files."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes


class NotText(ValueError):
    """The bytes are not a text document (binary, or no encoding reads them)."""


_BINARY_SIGNATURES = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b")


# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). UTF-8 (with or without BOM) first, then detection."""
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
    best = from_bytes(data).best()
    if best is None:
        raise NotText("no text encoding could read this file")
    text = str(best)
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > len(text) * 0.05:
        raise NotText("the file is mostly control characters: it is binary, not text")
    return text, best.encoding
