"""Readings (よみ): kana checks, 50音順 sort keys and kana rows (ア行, カ行 …)."""

from __future__ import annotations

import functools
import unicodedata

ROWS = "アカサタナハマヤラワ"
_ROW_OF: dict[str, str] = {}
for row, chars in zip(ROWS, ["あいうえおぁぃぅぇぉゔ", "かきくけこがぎぐげご", "さしすせそざじずぜぞ",
                             "たちつてとだぢづでどっ", "なにぬねの", "はひふへほばびぶべぼぱぴぷぺぽ",
                             "まみむめも", "やゆよゃゅょ", "らりるれろ", "わゐゑをんゎ"]):
    for c in chars:
        _ROW_OF[c] = row

ALLOWED_EXTRA = set("ー・ 　")
HIRAGANA = ("ぁ", "ゖ")  # the kana of a reading (inclusive ranges), after NFKC
KATAKANA = ("ァ", "ヺ")


def to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in unicodedata.normalize("NFKC", text))


def _allowed(c: str) -> bool:
    return HIRAGANA[0] <= c <= HIRAGANA[1] or KATAKANA[0] <= c <= KATAKANA[1] or c in ALLOWED_EXTRA


def is_kana(text: str) -> bool:
    """Hiragana or katakana, with ー ・ and spaces."""
    t = unicodedata.normalize("NFKC", text)
    return bool(t.strip()) and all(_allowed(c) for c in t)


def first_bad(text: str) -> int:
    """The index in `text` of its first character that is not kana (0 if there is none).

    NFKC may change a text's length (ｶﾞ → ガ, ㌀ → アパート), so the first text[:i + 1]
    whose normal form holds a character that is not kana is looked for (once bad, every
    longer one is too), not an index into the normal form."""
    def bad(i: int) -> bool:
        return not all(_allowed(c) for c in unicodedata.normalize("NFKC", text[: i + 1]))

    if not text or not bad(len(text) - 1):
        return 0
    lo, hi = 0, len(text) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if bad(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def _char_class(chars: list[str]) -> str:
    """A regex character class of `chars`, the same in Python and ECMAScript ('u' flag):
    \\uXXXX escapes in the BMP, the characters themselves beyond it."""
    def one(c: str) -> str:
        return f"\\u{ord(c):04x}" if ord(c) < 0x10000 else c
    points, out = sorted(map(ord, chars)), []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1 and (points[j + 1] < 0x10000) == (points[i] < 0x10000):
            j += 1
        a, b = chr(points[i]), chr(points[j])
        out.append(one(a) if i == j else f"{one(a)}-{one(b)}")
        i = j + 1
    return "[" + "".join(out) + "]"


@functools.cache
def reading_pattern() -> str:
    """A regular expression matching exactly the texts is_kana() accepts, for editors'
    JSON Schemas (Python's re and ECMAScript read it alike). Built from the Unicode tables
    (about half a second), so only when a schema is written.

    NFKC of a whole text is the NFKC of each character, except that a voicing mark
    (゙ ゚, or their half-width forms) joins the kana before it (が → が, ｶﾞ → ガ)."""
    nfkc = unicodedata.normalize
    units, spaces, voiced, semi = [], [], [], []
    marks = {"\u3099": [], "\u309a": []}
    for cp in range(0x110000):
        c = chr(cp)
        if 0xD800 <= cp < 0xE000:
            continue
        t = nfkc("NFKC", c)
        if t in marks:
            marks[t].append(c)
        if not all(_allowed(x) for x in t):
            continue
        (units if t.strip() else spaces).append(c)
        for mark, into in (("\u3099", voiced), ("\u309a", semi)):
            joined = nfkc("NFKC", c + mark)
            if len(joined) == len(t) and all(_allowed(x) for x in joined):
                into.append(c)
    voicing, semi_voicing = _char_class(marks["\u3099"]), _char_class(marks["\u309a"])
    unit = f"(?:{_char_class(voiced)}{voicing}|{_char_class(semi)}{semi_voicing}|{_char_class(units)})"
    space = _char_class(spaces)
    # at least one unit that is not a space (is_kana strips the text), and nothing after the end
    return f"^{space}*{unit}(?:{space}|{unit})*$(?!\\n)"


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
