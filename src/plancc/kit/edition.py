"""`plancc new-edition OLD NEW`: the next edition of a plan, from the current one.

NEW is a copy of OLD, moved on by the length of its period (period.end - period.start
+ 1 fiscal years):

- plan.yaml: period and phases moved on; `adopted` replaced by `draft: true` (the plan
  builds as a draft until the editor writes the date in its place; check warns `draft`);
  `revised` and `source` removed; a 第N次 edition becomes 第N+1次, in the title too;
- measures: 新規 marks taken off (the measure and its variants), schedule years moved on
  (phase-keyed schedules stay as they are);
- everything else (chapters, glossary, policy tree, ids) copied byte for byte, so that
  `plancc diff OLD NEW` pairs every measure by its id.

The YAML is edited with ruamel.yaml's round-trip loader and dumper, which keeps comments,
key order, flow and block style and quotes. Its dumper still respells a few things (null
as an empty value, the indentation of a list inside a list); so that a file's lines
that were not edited stay byte for byte as they were, the dump is merged back into the
original text (`merge`): only the lines around an edit come from the dumper.
"""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from ..errors import CommandError
from ..i18n import N_, Phrase

NEW_MARK = "新規"
KANJI = "〇一二三四五六七八九"
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
EDITION_RE = re.compile(r"第([0-9]+|[０-９]+|[一二三四五六七八九十]+)(次|期)")


@dataclass
class Made:
    start: int
    end: int
    files: list[str] = field(default_factory=list)  # files of NEW that were edited, not only copied
    notes: list[Phrase] = field(default_factory=list)


# ---------------------------------------------------------------- 第四次 → 第五次

def _kanji_value(text: str) -> int | None:
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        return (KANJI.index(tens) if tens else 1) * 10 + (KANJI.index(ones) if ones else 0)
    if len(text) == 1:
        return KANJI.index(text)
    return None


def _kanji(n: int) -> str:
    if n < 10:
        return KANJI[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else KANJI[tens]) + "十" + (KANJI[ones] if ones else "")


def next_edition(edition: str) -> str | None:
    """第四次 → 第五次, 第2次 → 第3次, 第９期 → 第１０期; None when it has no such number."""
    m = EDITION_RE.search(edition)
    if not m:
        return None
    digits = m[1]
    if digits.isascii():
        number = str(int(digits) + 1)
    elif digits[0] in "０１２３４５６７８９":
        number = str(int(digits.translate({ord(c): ord(a) for a, c in zip("0123456789", "０１２３４５６７８９")})) + 1).translate(FULLWIDTH)
    else:
        value = _kanji_value(digits)
        if value is None or value >= 99:
            return None
        number = _kanji(value + 1)
    return edition[:m.start()] + f"第{number}{m[2]}" + edition[m.end():]


# ---------------------------------------------------------------- keeping the original text

def merge(original: str, base: str, new: str) -> str:
    """`new` (the dump of the edited data) with every line that the edits did not touch
    taken from `original` (the file as it was): `base` is the dump of the unedited data,
    so base → new are the edits and base → original the dumper's respellings."""
    orig_l, base_l, new_l = (t.splitlines(keepends=True) for t in (original, base, new))
    if base_l == orig_l:
        return new
    to_orig: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, base_l, orig_l, autojunk=False).get_opcodes():
        # equal lines, and lines the dumper respelled one for one (null as empty): where they stand
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            to_orig.update((i1 + k, j1 + k) for k in range(i2 - i1))
    ops = SequenceMatcher(None, base_l, new_l, autojunk=False).get_opcodes()
    regions: list[list[int]] = []
    for tag, i1, i2, _, _ in ops:
        if tag == "equal":
            continue
        a, b = i1, i2  # widened until both ends stand where base and original agree
        while a > 0 and (a - 1) not in to_orig:
            a -= 1
        while b < len(base_l) and b not in to_orig:
            b += 1
        if regions and a <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], b)
        else:
            regions.append([a, b])

    def to_new(p: int) -> int:
        for tag, i1, i2, j1, _ in ops:
            if i1 == p:
                return j1
            if i1 < p < i2:
                return j1 + (p - i1)  # inside an equal run
        return len(new_l)

    out = list(orig_l)
    for a, b in reversed(regions):
        start = to_orig[a - 1] + 1 if a > 0 else 0
        end = to_orig[b] if b < len(base_l) else len(orig_l)
        out[start:end] = new_l[to_new(a):to_new(b)]
    return "".join(out)


def _yaml():
    from ruamel.yaml import YAML

    y = YAML()  # round-trip
    y.preserve_quotes = True
    y.width = 1 << 16  # never fold a long line of Japanese
    y.indent(mapping=2, sequence=4, offset=2)  # `key:\n  - item`, as plans are written
    return y


def _dump(y, data) -> str:
    buf = io.StringIO()
    y.dump(data, buf)
    return buf.getvalue()


def edit_file(path: Path, edit) -> bool:
    """Apply `edit(data) -> bool` (True: something changed) to a YAML file, keeping its text."""
    y = _yaml()
    original = path.read_text(encoding="utf-8-sig")
    data = y.load(original)
    base = _dump(y, data)
    if not edit(data):
        return False
    text = merge(original, base, _dump(y, data))
    path.write_text(text, encoding="utf-8", newline="")
    return True


# ---------------------------------------------------------------- the edits

def _year_key(key) -> int | None:
    text = str(key)
    return int(text) if text.isascii() and text.isdigit() else None


def _move_keys(mapping, step: int) -> bool:
    """Schedule years (keys) moved on by `step`, order, values and comments kept."""
    if not any(_year_key(k) is not None for k in mapping):
        return False
    pairs = list(mapping.items())
    comments = dict(mapping.ca.items)
    renamed = {}
    for k, _ in pairs:
        year = _year_key(k)
        renamed[k] = k if year is None else (year + step if isinstance(k, int) else type(k)(str(year + step)))
    for k, _ in pairs:
        del mapping[k]
    for k, v in pairs:
        mapping[renamed[k]] = v
    mapping.ca.items.clear()
    mapping.ca.items.update({renamed.get(k, k): c for k, c in comments.items()})
    return True


def _drop_mark(holder) -> bool:
    marks = holder.get("marks") if hasattr(holder, "get") else None
    if not isinstance(marks, list) or NEW_MARK not in [str(x) for x in marks]:
        return False
    for i in reversed(range(len(marks))):
        if str(marks[i]) == NEW_MARK:
            del marks[i]
    if not marks:
        del holder["marks"]
    return True


def _edit_measures(step: int):
    def edit(data) -> bool:
        changed = False
        for measure in (data or {}).get("measures") or []:
            if not hasattr(measure, "get"):
                continue
            changed |= _drop_mark(measure)
            for variant in measure.get("variants") or []:
                changed |= _drop_mark(variant)
            schedule = measure.get("schedule")
            if hasattr(schedule, "items"):
                changed |= _move_keys(schedule, step)
        return changed
    return edit


def _edit_plan(step: int):
    def edit(data) -> bool:
        period = data["period"]
        period["start"] = int(period["start"]) + step
        period["end"] = int(period["end"]) + step
        for phase in data.get("phases") or []:
            phase["start"] = int(phase["start"]) + step
            phase["end"] = int(phase["end"]) + step
        # a draft until adopted: draft: true where the adoption date was (after the edition
        # or the title where the old plan gave no date), the date to be written in its place
        keys = list(data)
        at = (keys.index("adopted") if "adopted" in keys else keys.index("draft") if "draft" in keys
              else max((keys.index(k) + 1 for k in ("title", "edition", "section") if k in keys), default=0))
        for key in ("adopted", "draft"):
            if key in data:
                del data[key]
        data.insert(at, "draft", True,
                    comment=f"策定したら、この行を adopted: {period['start']}-03 のように策定日に書き換えてください")
        for key in ("revised", "source"):
            if key in data:
                del data[key]
        edition = data.get("edition")
        if edition:
            after = next_edition(str(edition))
            if after:
                data["edition"] = type(edition)(after) if isinstance(edition, str) else after
                if str(edition) in str(data["title"]):
                    title = data["title"]
                    data["title"] = type(title)(str(title).replace(str(edition), after))
        return True
    return edit


def _measure_files(folder: Path) -> list[Path]:
    files = [folder / n for n in ("measures.yaml", "measures.yml") if (folder / n).is_file()]
    sub = folder / "measures"
    if sub.is_dir():
        files += sorted(p for p in sub.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return files


# ---------------------------------------------------------------- the command

def new_edition(old: Path, new: Path) -> Made:
    from .. import findings as fmt
    from ..pipeline import load_and_check

    if not (old / "plan.yaml").is_file():
        raise CommandError("edition-not-a-plan", path=str(old))
    o, n = old.resolve(), new.resolve()
    plan, findings = load_and_check(old, str(old))
    errors = [f for f in findings if f.is_error]
    if plan is None or errors:
        def lines_of(path):
            src = plan.sources.get(path) if plan else None
            return src.lines if src else None
        err = CommandError("edition-has-errors", path=str(old))
        err.shown_before = fmt.render_text(fmt.sort(errors), lines_of)
        raise err
    meta = plan.meta.value
    step = meta.period.end - meta.period.start + 1
    next_name = str(meta.period.start + step)
    if o == n or o in n.parents or n in o.parents:
        raise CommandError("edition-inside", new=str(new), old=str(old), next=next_name)
    if new.exists() and (not new.is_dir() or any(new.iterdir())):
        raise CommandError("edition-exists", path=str(new), next=next_name)
    made = Made(meta.period.start + step, meta.period.end + step)
    try:
        new.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(old, new, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".*", "__pycache__"))
        if edit_file(new / "plan.yaml", _edit_plan(step)):
            made.files.append("plan.yaml")
        for path in _measure_files(new):
            if edit_file(path, _edit_measures(step)):
                made.files.append(path.relative_to(new).as_posix())
    except OSError as exc:
        raise CommandError("kit-write-failed", path=str(exc.filename or new), reason=exc.strerror or str(exc)) from None
    ended = sum(1 for m in plan.measures if m.value.fate is not None)
    if ended:
        made.notes.append(Phrase(N_("measures abolished or merged in the current edition are kept in the new "
                                    "one ({count}); remove those the new edition no longer lists"),
                                 (("count", ended),)))
    made.notes.append(Phrase(N_("the prose is copied as it was: review the years and dates in the chapters; "
                                "once the plan is adopted, replace draft: true in plan.yaml by its adoption "
                                "date (adopted)")))
    return made
