"""The handbook's icon, an open book on the theme colour, drawn as PNG bytes at any size.

One drawing feeds the Kiwix illustration (48 px) and the web app's icons (192 and 512 px, plain
and maskable), so they never drift apart; zlib and struct only, so the same size always gives
the same bytes.
"""

from __future__ import annotations

import struct
import zlib

THEME_COLOUR = "#4051b5"  # Material's default primary (indigo), the header's colour
_BACKGROUND = (0x40, 0x51, 0xB5)
_PAGE = (0xFF, 0xFF, 0xFF)
_LINE = (0xC5, 0xCA, 0xE9)
# The book in unit coordinates (x0, y0, x1, y1): two pages and the ruled lines on them.
_PAGES = ((0.20, 0.26, 0.48, 0.74), (0.52, 0.26, 0.80, 0.74))
_LINES = tuple((x0 + 0.04, y, x1 - 0.04, y + 0.035)
               for x0, _, x1, _ in _PAGES for y in (0.36, 0.46, 0.56))
# A maskable icon may be cut to a circle of 80 % of its width: the drawing shrinks into it.
_MASKABLE_SCALE = 0.8


def icon_png(size: int, maskable: bool = False) -> bytes:
    """The icon as a ``size``×``size`` RGB PNG; ``maskable`` keeps it inside the safe zone."""
    if size < 1:
        raise ValueError(f"icon size must be positive, got {size}")
    scale = _MASKABLE_SCALE if maskable else 1.0
    # The drawing is rectangles: rows crossing the same rectangles are the same bytes.
    drawn: dict[tuple[bool, ...], bytes] = {}
    rows = []
    for y in range(size):
        v = _unscaled((y + 0.5) / size, scale)
        band = tuple(y0 <= v < y1 for _, y0, _, y1 in _LINES + _PAGES)
        if band not in drawn:
            row = bytearray(b"\x00")  # filter type 0 (none) for every row
            for x in range(size):
                row += bytes(_colour_at(_unscaled((x + 0.5) / size, scale), v))
            drawn[band] = bytes(row)
        rows.append(drawn[band])
    return _png(size, size, b"".join(rows))


def _unscaled(at: float, scale: float) -> float:
    return 0.5 + (at - 0.5) / scale


def _colour_at(u: float, v: float) -> tuple[int, int, int]:
    for x0, y0, x1, y1 in _LINES:
        if x0 <= u < x1 and y0 <= v < y1:
            return _LINE
    for x0, y0, x1, y1 in _PAGES:
        if x0 <= u < x1 and y0 <= v < y1:
            return _PAGE
    return _BACKGROUND


def _png(width: int, height: int, raw: bytes) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b""))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
