"""Where plancc's user-facing text is translated: one place, Japanese and English.

Templates are written in English and marked with `N_("...")` where they are defined, or
`_("...")` where they are shown at once; Babel extracts them into
`locale/plancc.pot`, and `locale/ja/LC_MESSAGES/plancc.po` holds their Japanese
(`make i18n-update`, `make i18n-compile`). English needs no catalogue: a msgid is its
English text.

The language is chosen once per run, before the command line is built (its --help texts
are translated when they are defined): `--lang` on the command line, else PLANCC_LANG,
else the locale (LC_ALL, LC_MESSAGES, LANG, in the order POSIX gives them). Click and
typer translate their own words (Usage:, Options, their error messages) with the standard
gettext functions; plancc binds them to its `click` catalogue.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path
from typing import Mapping, NamedTuple, Sequence

LOCALEDIR = Path(__file__).parent / "locale"
DOMAIN = "plancc"
CLICK_DOMAIN = "click"  # click's and typer's own words, translated where plancc shows them
LANGUAGES = ("ja", "en")
DEFAULT = "en"

_translations: gettext.NullTranslations = gettext.NullTranslations()
language = DEFAULT


def choose(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language of this run: --lang, PLANCC_LANG, or the locale; English otherwise."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return _known(argv[i + 1])
        if arg.startswith("--lang="):
            return _known(arg.partition("=")[2])
    if environ.get("PLANCC_LANG"):
        return _known(environ["PLANCC_LANG"])
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):  # the first one set decides, as setlocale(3) does
            return _known(environ[name])
    return DEFAULT


def _known(tag: str) -> str:
    """'ja', 'ja_JP.UTF-8', 'ja-JP' → 'ja'; 'C', 'POSIX', 'en_US' or anything else → 'en'."""
    base = tag.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    return base if base in LANGUAGES else DEFAULT


def without_lang(argv: list[str]) -> list[str]:
    """`argv` without its --lang option (chosen already, before the command line is built)."""
    out, skip = [], False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if "--" in argv[:i]:
            out.append(arg)
        elif arg == "--lang" and i + 1 < len(argv):
            skip = True
        elif not arg.startswith("--lang="):
            out.append(arg)
    return out


def setup(lang: str) -> None:
    """Speak `lang` from now on: plancc's catalogue and click's."""
    global language
    language = lang
    use(gettext.translation(DOMAIN, LOCALEDIR, languages=[lang], fallback=True))
    # click and typer call the standard gettext functions, which look the language up in
    # the environment; LANGUAGE is the variable gettext reads first, so the choice made
    # above (e.g. --lang en under a Japanese locale) holds for them too
    os.environ["LANGUAGE"] = lang
    gettext.bindtextdomain(CLICK_DOMAIN, str(LOCALEDIR))
    gettext.textdomain(CLICK_DOMAIN)


def use(translations: gettext.NullTranslations) -> None:
    """Translate from now on with `translations` (a GNUTranslations from a catalogue)."""
    global _translations
    _translations = translations


def _(message: str) -> str:
    """The translation of `message` (a template marked with N_ where it was written)."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks `message` for extraction into a catalogue; translated later, by `_()`."""
    return message


class Phrase(NamedTuple):
    """A translatable phrase that fills a slot of another template ("a whole number",
    "signal 9"): translated and formatted only when shown. Hashable and picklable, so a
    finding holding one still travels between processes and into a set."""

    template: str
    params: tuple = ()

    def __str__(self) -> str:
        return render(self.template, self.params)


def render(template: str, params: tuple | dict = ()) -> str:
    """`template` translated, its {name} slots filled from `params` ((name, value) pairs)."""
    return fill(_(template), params)


def fill(text: str, params: tuple | dict = ()) -> str:
    """The {name} slots of an already translated `text` filled from `params`; a Phrase
    among them is translated and filled in turn."""
    items = params.items() if isinstance(params, dict) else params
    return text.format_map(_Slots((k, str(v) if isinstance(v, Phrase) else v) for k, v in items))


class _Slots(dict):
    # a slot without a value stays as it is written, rather than losing the whole message
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
