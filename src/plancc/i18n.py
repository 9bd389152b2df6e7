"""Where plancc's user-facing text is translated: one place, English for now.

Templates are marked with `N_("...")` where they are defined (so that a catalogue can be
extracted from the sources, e.g. with Babel) and translated with `_()` when shown. Until
there are catalogues, `_()` goes through `gettext.NullTranslations`, which returns the
English text; `use()` installs real translations in this one place.
"""

from __future__ import annotations

import gettext
from typing import NamedTuple

_translations: gettext.NullTranslations = gettext.NullTranslations()


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
