"""Readings (よみ): kana checks, 50音順 sort keys and kana rows (ア行, カ行 …)."""

from __future__ import annotations

import unicodedata

ROWS = "アカサタナハマヤラワ"
_ROW_OF: dict[str, str] = {}
for row, chars in zip(ROWS, ["あいうえおぁぃぅぇぉゔ", "かきくけこがぎぐげご", "さしすせそざじずぜぞ",
                             "たちつてとだぢづでどっ", "なにぬねの", "はひふへほばびぶべぼぱぴぷぺぽ",
                             "まみむめも", "やゆよゃゅょ", "らりるれろ", "わゐゑをんゎ"]):
    for c in chars:
        _ROW_OF[c] = row

ALLOWED_EXTRA = set("ー・ 　")


def to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in unicodedata.normalize("NFKC", text))


def is_kana(text: str) -> bool:
    """Hiragana or katakana, with ー ・ and spaces."""
    t = unicodedata.normalize("NFKC", text)
    return bool(t.strip()) and all(("ぁ" <= c <= "ゖ") or ("ァ" <= c <= "ヺ") or c in ALLOWED_EXTRA for c in t)


def first_bad(text: str) -> int:
    t = unicodedata.normalize("NFKC", text)
    for i, c in enumerate(t):
        if not (("ぁ" <= c <= "ゖ") or ("ァ" <= c <= "ヺ") or c in ALLOWED_EXTRA):
            return i
    return 0


_VOWELS = dict(zip("AIUEO", "あいうえお"))


def _long_vowels(h: str) -> str:
    """ー sorts as the vowel it lengthens (まー = まあ), as dictionaries order it."""
    out = []
    for c in h:
        if c == "ー" and out:
            name = unicodedata.name(out[-1], "")
            c = _VOWELS.get(name[-1:], "") if name.startswith("HIRAGANA") else ""
        out.append(c)
    return "".join(out)


def sort_key(reading: str) -> str:
    """50音順: katakana as hiragana, voiced as unvoiced first, ー as its vowel, ignoring ・ and spaces."""
    h = to_hiragana(reading)
    base = unicodedata.normalize("NFD", h)
    plain = "".join(c for c in base if c not in "\u3099\u309a" and c not in ALLOWED_EXTRA - {"ー"})
    plain = "".join(c for c in unicodedata.normalize("NFC", _long_vowels(plain)) if c not in ALLOWED_EXTRA)
    return plain + "\0" + h


def row_of(reading: str) -> str:
    """The kana row (ア, カ, …) a reading files under."""
    for c in to_hiragana(reading):
        if c in ALLOWED_EXTRA:
            continue
        return _ROW_OF.get(c, "ア")
    return "ア"


def latin_initial(term: str) -> str | None:
    """The Latin letter or digit a term starts with (after NFKC), else None."""
    t = unicodedata.normalize("NFKC", term).strip()
    if t and t[0].isascii() and t[0].isalnum():
        return t[0].upper()
    return None
