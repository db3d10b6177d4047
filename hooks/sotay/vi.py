"""Vietnamese text helpers: folding, slugs, collation, number and date formats."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

# Tone marks, in dictionary order (ngang first, then huyền, hỏi, ngã, sắc, nặng).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a new letter (ă â ê ô ơ ư) rather than a tone.
_LETTER_MARKS = {"\u0306": "(", "\u0302": "^", "\u031b": "+"}
_ALPHABET = [
    "a", "a(", "a^", "b", "c", "d", "đ", "e", "e^", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "o^", "o+", "p", "q", "r", "s", "t", "u", "u+", "v", "w", "x", "y", "z",
]
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Primary weights: space < numbers < Vietnamese letters < any other letter.
_SPACE, _NUMBER, _LETTER, _OTHER_LETTER = 1, 100, 1000, 2000


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the one form the handbook stores."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case ``text`` and strip every diacritic; đ/Đ become d."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str) -> str:
    """A safe ASCII slug: diacritics removed, đ → d, words joined by hyphens."""
    return _NON_WORD.sub("-", fold(text)).strip("-")


def _letters(text: str) -> list[tuple[str, int]]:
    """Split ``text`` into (letter, tone) pairs with Vietnamese letters kept whole."""
    pairs: list[tuple[str, int]] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        if ch in _TONES and pairs:
            letter, _ = pairs[-1]
            pairs[-1] = (letter, _TONES[ch])
        elif ch in _LETTER_MARKS and pairs:
            letter, tone = pairs[-1]
            pairs[-1] = (letter + _LETTER_MARKS[ch], tone)
        elif not unicodedata.combining(ch):
            pairs.append((ch, 0))
    return pairs


def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """Collation key for Vietnamese alphabetical order: letters first, tones after.

    Punctuation (quotation marks, brackets) is ignored so "“Dân vận khéo”" files under D; a
    space sorts before any letter; numbers sort by value, so 9 comes before 10.
    """
    primary: list[int] = []
    tones: list[int] = []
    digits = ""
    for letter, tone in _letters(text) + [("", 0)]:
        if letter.isdigit() and len(letter) == 1 and letter.isascii():
            digits += letter
            continue
        if digits:
            # A number's length first, then its digits: compares numbers by value.
            primary += [_NUMBER + len(digits), *map(int, digits)]
            tones += [0] * (len(digits) + 1)
            digits = ""
        if letter in _LETTER_RANK:
            primary.append(_LETTER + _LETTER_RANK[letter])
        elif letter.isspace():
            primary.append(_SPACE)
        elif letter.isalpha():
            primary.append(_OTHER_LETTER + ord(letter[0]))
        else:
            continue
        tones.append(tone)
    return tuple(primary), tuple(tones), text


def format_number(value: Decimal | int | float) -> str:
    """Vietnamese number format: dots group thousands, a comma marks decimals."""
    # A float goes through str() so 108.1 prints as written, not as its binary expansion.
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    text = format(number, "f")
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    grouped = ".".join(groups)
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"
