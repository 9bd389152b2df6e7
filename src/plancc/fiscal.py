"""Fiscal years (年度) and Japanese eras: labels are computed, never typed twice."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# (name, first day). A date belongs to the latest era that had begun by then.
ERAS = [
    ("明治", date(1868, 10, 23)),
    ("大正", date(1912, 7, 30)),
    ("昭和", date(1926, 12, 25)),
    ("平成", date(1989, 1, 8)),
    ("令和", date(2019, 5, 1)),
]


# The letter each era is abbreviated to (R7, H30.3.31): names only; years come from ERAS.
ERA_INITIALS = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}


def gregorian_year(era: str, year: int) -> int:
    """The Gregorian year of an era year: gregorian_year("令和", 7) == 2025 (year 1 is 元年)."""
    return dict(ERAS)[era].year + year - 1


_ERA = "|".join([name for name, _ in ERAS] + list(ERA_INITIALS))
# compiled on first use (re caches them): only a plan with a mistake needs them
_ERA_YEAR_RE = rf"(?i)^({_ERA})\s*(元|[0-9]{{1,2}})\s*(?:年度|年)?$"
_ERA_DATE_RE = (rf"(?i)^({_ERA})\s*(元|[0-9]{{1,2}})\s*(?:年\s*([0-9]{{1,2}})\s*月(?:\s*([0-9]{{1,2}})\s*日)?"
                rf"|[./-]([0-9]{{1,2}})(?:[./-]([0-9]{{1,2}}))?)$")


def _era_name(text: str) -> str:
    return ERA_INITIALS.get(text.upper(), text)


def era_fiscal_year(text: str) -> int | None:
    """A fiscal year written with an era (令和8年度, 平成30年度, 令和元年度, R7, H30) → the
    Gregorian year (2026, 2018, 2019, 2025, 2018); None when `text` is not one."""
    m = re.match(_ERA_YEAR_RE, unicodedata.normalize("NFKC", text).strip())
    if not m:
        return None
    return gregorian_year(_era_name(m[1]), 1 if m[2] == "元" else int(m[2]))


def era_date(text: str) -> str | None:
    """A date written with an era (令和7年3月, 令和7年3月31日, 平成元年5月, R7.3, H30.3.31) →
    the date as plans write it (2025-03, 2025-03-31 …); None when `text` is not one."""
    m = re.match(_ERA_DATE_RE, unicodedata.normalize("NFKC", text).strip())
    if not m:
        return None
    year = gregorian_year(_era_name(m[1]), 1 if m[2] == "元" else int(m[2]))
    month, day = m[3] or m[5], m[4] or m[6]
    try:
        date(year, int(month), int(day or 1))
    except ValueError:
        return None
    return f"{year:04d}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


def parse_date(text: str) -> date:
    """'2018-03' or '2018-03-31' → a date (the first of the month when no day is given)."""
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)


def era_of(day: date, as_of: date | None = None) -> tuple[str, int]:
    """Era name and era year of `day`, using only eras already proclaimed by `as_of`.

    A plan adopted in March 2018 knew nothing of 令和, so it calls FY2022 平成34年度.
    """
    known = [e for e in ERAS if as_of is None or e[1] <= as_of] or ERAS[:1]
    name, start = known[0]
    for n, s in known:
        if s <= day:
            name, start = n, s
    return name, day.year - start.year + 1


def era_year_text(name: str, year: int) -> str:
    return f"{name}{'元' if year == 1 else year}年"


@dataclass(frozen=True)
class FiscalYear:
    """A Japanese fiscal year: FiscalYear(2018) runs 2018-04-01 to 2019-03-31."""

    year: int

    @property
    def last_day(self) -> date:
        return date(self.year + 1, 3, 31)

    def era(self, as_of: date | None = None) -> tuple[str, int]:
        """Era name and era year. Offices name a fiscal year after the era in force when
        it ends (FY2019 = 令和元年度), among the eras known at `as_of`; the era year counts
        from the fiscal year's start (FY2018 = 平成30年度)."""
        name, _ = era_of(self.last_day, as_of)
        start = dict(ERAS)[name]
        return name, self.year - start.year + 1

    def label(self, style: str, as_of: date | None = None) -> str:
        name, n = self.era(as_of)
        era = f"{name}{'元' if n == 1 else n}年度"
        short = f"{'元' if n == 1 else n}年度"
        if style == "gregorian":
            return f"{self.year}年度"
        if style == "era":
            return era
        if style == "era-short":
            return short
        return f"{self.year}年度({era})"


def month_label(text: str, as_of: date | None = None) -> str:
    """'2018-03' → '2018（平成30年）3月' as plans print adoption dates."""
    d = parse_date(text)
    name, n = era_of(d, as_of)
    day = f"{d.day}日" if text.count("-") == 2 else ""
    return f"{d.year}（{era_year_text(name, n)}）{d.month}月{day}"
