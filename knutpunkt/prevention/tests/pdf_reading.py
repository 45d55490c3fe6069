"""Reading an uncompressed PDF made by WeasyPrint in the tests, without a PDF library (the project has none): its text,
through the fonts' ToUnicode maps, and its outline, the bookmarks WeasyPrint makes from the headings.

Enough for what WeasyPrint writes (Type0 fonts, glyphs as hex strings in TJ/Tj, one object per `obj ... endobj`), not
for PDFs in general."""

from __future__ import annotations

import re

OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.DOTALL)
STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
REFERENCE = re.compile(rb"/([^\s/<>\[\]()]+)\s+(\d+)\s+0\s+R")
TO_UNICODE = re.compile(rb"/ToUnicode\s+(\d+)\s+0\s+R")
BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.DOTALL)
BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.DOTALL)
HEX = re.compile(rb"<([0-9a-fA-F]*)>")
# Text operators in a content stream: a font choice, a TJ array, a Tj string, the end of a text object.
OPERATORS = re.compile(rb"/([^\s/<>\[\]()]+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bET\b")
TITLE = re.compile(rb"/Title\s*(?:<([0-9a-fA-F]+)>|\(((?:\\.|[^\\)])*)\))", re.DOTALL)


def _utf16(hex_text: bytes) -> str:
    return bytes.fromhex(hex_text.decode("ascii")).decode("utf-16-be")


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {int(number): body for number, body in OBJECT.findall(pdf)}


def _stream(body: bytes) -> bytes:
    found = STREAM.search(body)
    return found.group(1) if found else b""


def _unicode_map(cmap: bytes) -> dict[int, str]:
    glyphs: dict[int, str] = {}
    for block in BFCHAR.findall(cmap):
        values = HEX.findall(block)
        for source, target in zip(values[::2], values[1::2], strict=True):
            glyphs[int(source, 16)] = _utf16(target)
    for block in BFRANGE.findall(cmap):
        for line in block.strip().splitlines():
            values = HEX.findall(line)
            if len(values) < 3:
                continue
            low, high = int(values[0], 16), int(values[1], 16)
            first = _utf16(values[2])
            for offset in range(high - low + 1):
                glyphs[low + offset] = first[:-1] + chr(ord(first[-1]) + offset)
    return glyphs


def _fonts(objects: dict[int, bytes]) -> dict[bytes, dict[int, str]]:
    """Each font resource name with its glyph-to-text map: every `/Name n 0 R` whose object is a font with a
    ToUnicode map, wherever the resource dictionary is (inline in a page's resources or an object of its own)."""
    fonts: dict[bytes, dict[int, str]] = {}
    for body in objects.values():
        for name, number in REFERENCE.findall(body):
            font = objects.get(int(number), b"")
            reference = TO_UNICODE.search(font) if b"/Type /Font" in font else None
            if reference is not None and name not in fonts:
                fonts[name] = _unicode_map(_stream(objects.get(int(reference.group(1)), b"")))
    return fonts


def text(pdf: bytes) -> str:
    """The PDF's text in the order it is drawn, whitespace collapsed to single spaces."""
    objects = _objects(pdf)
    fonts = _fonts(objects)
    pieces: list[str] = []
    for body in objects.values():
        content = _stream(body)
        if b"Tf" not in content:
            continue
        glyphs: dict[int, str] = {}
        for match in OPERATORS.finditer(content):
            font, array, string = match.group(1), match.group(2), match.group(3)
            if font is not None:
                glyphs = fonts.get(font, {})
            elif array is not None or string is not None:
                for hex_run in HEX.findall(array) if array is not None else [string]:
                    codes = [int(hex_run[i : i + 4], 16) for i in range(0, len(hex_run), 4)]
                    pieces.append("".join(glyphs.get(code, "") for code in codes))
            else:
                pieces.append(" ")
    return re.sub(r"\s+", " ", "".join(pieces)).strip()


def _literal(value: bytes) -> str:
    """A PDF literal string: its escapes undone, read as PDFDocEncoding (Latin-1 for these titles)."""
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}

    def unescape(match: re.Match[bytes]) -> bytes:
        escaped = match.group(1)
        return bytes([int(escaped, 8)]) if escaped[:1].isdigit() else escapes.get(escaped, escaped)

    return re.sub(rb"\\([0-7]{1,3}|.)", unescape, value).decode("latin-1")


def outline(pdf: bytes) -> list[str]:
    """The titles of the bookmarks (made from the headings), in the order they are stored, which is the document's."""
    titles = []
    for body in _objects(pdf).values():
        if b"/Dest" not in body:
            continue
        found = TITLE.search(body)
        if found is not None:
            titles.append(_string(found))
    return titles


def _string(found: re.Match[bytes]) -> str:
    hex_text, literal = found.group(1), found.group(2)
    return _utf16(hex_text).lstrip("\ufeff") if hex_text is not None else _literal(literal)


def document_title(pdf: bytes) -> str:
    """The title in the document information dictionary (the one with the producer)."""
    for body in _objects(pdf).values():
        found = TITLE.search(body) if b"/Producer" in body else None
        if found is not None:
            return _string(found)
    return ""
