"""Every finding code and every command error, as data: the one list `plancc explain`
prints and docs/findings.md is generated from.

A code has a severity, a one-line summary, a message template and a hint template
(`str.format` with named slots, filled from the finding's params), an explanation, and a
bad and a good example. Where one code is said in more than one way (a phase gap between
two phases, or at the start of the period), `forms` holds the other wordings by name; a
finding picks one with its `form` param, and None in a form keeps the code's own message
or hint.

To add a code: add one `_add(...)` below, raise it (`src.finding(path, "the-code",
name=...)`, `Finding.new(...)` or `CommandError("the-code", ...)`), and regenerate the
documentation with `plancc explain --markdown > docs/findings.md`. The tests fail when a
code used in src/ is not here, when a field is empty, or when docs/findings.md is stale.

Every user-facing string is marked with N_ so that a catalogue can be extracted; it is
translated (with i18n._) only when shown.
"""

from __future__ import annotations

from typing import Mapping, NamedTuple

from .i18n import N_

ERROR, WARNING = "error", "warning"
PLAN, COMMAND = "plan", "command"  # a finding in a plan's files | trouble that stops a command


class Code(NamedTuple):
    code: str
    severity: str  # "error" | "warning"
    summary: str
    message: str
    hint: str
    explanation: str
    bad: str  # a small example that gets this finding (YAML; a shell command for COMMAND)
    good: str  # the same example put right
    forms: Mapping[str, tuple[str | None, str | None]] = {}
    kind: str = PLAN
    build_refuses: bool = False  # a warning `build` refuses unless --allow-warnings (say so in the explanation)

    def templates(self, form: str | None = None) -> tuple[str, str]:
        """(message, hint) templates of `form` (None: the code's own)."""
        if form is None:
            return self.message, self.hint
        message, hint = self.forms[form]
        return message or self.message, hint or self.hint


REGISTRY: dict[str, Code] = {}


def _add(code: str, severity: str, summary: str, message: str, hint: str, explanation: str,
         bad: str, good: str, forms: Mapping[str, tuple[str | None, str | None]] | None = None,
         kind: str = PLAN, build_refuses: bool = False) -> None:
    assert code not in REGISTRY, code
    assert not build_refuses or severity == WARNING, code
    REGISTRY[code] = Code(code, severity, summary, message, hint, explanation, bad, good, forms or {}, kind,
                          build_refuses)


def get(code: str) -> Code:
    return REGISTRY[code]


# ================================================================ reading a file

_add("unreadable", ERROR,
     N_("a plan file cannot be read"),
     N_("cannot read file: {reason}"),
     N_("check the path and its permissions"),
     N_("plancc could not open or read the file, or list a folder of the plan: it was removed "
        "while plancc ran, its permissions forbid reading it, or the disk reported an error. "
        "A folder that cannot be listed is reported too, never skipped, since plancc cannot tell "
        "which plan files it holds."),
     """\
     # chmod 000 plans/mini/glossary.yaml
     """,
     """\
     # chmod 644 plans/mini/glossary.yaml
     """,
     forms={"folder": (N_("cannot read folder: {reason}"),
                       N_("check the folder's permissions; plancc cannot tell what it holds"))})

_add("not-a-file", ERROR,
     N_("a plan file that is not a regular file inside the plan folder"),
     N_("this is a folder, not a file"),
     N_("rename the folder, or move it out of the plan folder"),
     N_("plancc reads only regular files inside the plan folder. A symbolic link is followed "
        "only when it leads to a file inside the same plan folder; a link to a place outside "
        "it (another folder, /proc, /dev), a link to nothing, a folder with a .yaml name, a "
        "named pipe (FIFO) or a device is refused before anything is read from it, so that "
        "no check waits for ever or shows what such a file holds."),
     """\
     # ln -s /etc/passwd plans/mini/glossary.yaml
     """,
     """\
     # cp ../shared/glossary.yaml plans/mini/glossary.yaml
     """,
     forms={
         "fifo": (N_("this is a named pipe (FIFO), not a file"),
                  N_("replace it by the file it stands for")),
         "device": (N_("this is a device, not a file"), N_("replace it by a plan file")),
         "socket": (N_("this is a socket, not a file"), N_("replace it by a plan file")),
         "other": (N_("this is not a regular file"), N_("replace it by a plan file")),
         "outside": (N_("symbolic link to {target}, outside the plan folder"),
                     N_("copy the file into the plan folder; plancc reads nothing outside it")),
         "dangling": (N_("symbolic link to {target}, which does not exist"),
                      N_("restore the file it points to, or remove the link")),
         "not-folder": (N_("{name} is a file; plancc expects a folder of .yaml files here"),
                        N_("make {name} a folder and move the file into it")),
     })

_add("too-large", ERROR,
     N_("a plan file is too large to read safely"),
     N_("file is {kib} KiB; the limit is {mib} MiB"),
     N_("split the file"),
     N_("A plan file holds at most 8 MiB and 200,000 YAML nodes, so that a damaged or hostile "
        "file cannot cost unbounded time and memory. No real plan comes near this; split "
        "chapters and measures into several files (chapters/, measures/) if one does."),
     """\
     # measures.yaml: 9 MiB of measures in one file
     """,
     """\
     # measures/01-kihon1.yaml, measures/02-kihon2.yaml, … (merged in file-name order)
     """,
     forms={"nodes": (N_("file has more than {limit} YAML nodes"),
                      N_("split the file or remove repeated content"))})

_add("too-deep", ERROR,
     N_("YAML nested deeper than plans ever need"),
     N_("nesting deeper than {limit} levels"),
     N_("plans never need this depth; check the brackets and indentation"),
     N_("Mappings and lists nest at most 64 levels deep. Deeper nesting comes from runaway "
        "brackets or indentation, never from a real plan."),
     """\
     title: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[見本市]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
     """,
     """\
     title: 見本市地域情報化計画
     """)

_add("utf8-bom", WARNING,
     N_("a plan file starts with a UTF-8 byte order mark"),
     N_("file starts with a UTF-8 byte order mark"),
     N_("save the file as UTF-8 without BOM; plancc ignores the mark"),
     N_("Some Windows editors put an invisible byte order mark (BOM) at the start of a UTF-8 "
        "file. plancc reads the file anyway, but other YAML tools may not; save it as "
        "\"UTF-8\" rather than \"UTF-8 with BOM\"."),
     """\
     # plan.yaml saved by Notepad as "UTF-8 with BOM"
     """,
     """\
     # plan.yaml saved as "UTF-8"
     """)

_add("not-utf8", ERROR,
     N_("a plan file is not UTF-8"),
     N_("file is not UTF-8"),
     N_("plan files must be UTF-8: re-save it as UTF-8"),
     N_("Every plan file is UTF-8. Files exported from older software are sometimes EUC-JP "
        "or UTF-16; plancc names the encoding the file looks like, and iconv or an editor's "
        "\"save with encoding\" converts it. A Shift_JIS file has its own code, shift-jis."),
     """\
     # glossary.yaml saved as EUC-JP
     """,
     """\
     # iconv -f EUC-JP -t UTF-8 glossary.yaml > glossary.utf8 && mv glossary.utf8 glossary.yaml
     """,
     forms={"looks": (N_("file is not UTF-8; it looks like {encoding}"),
                      N_("plan files must be UTF-8: re-save it as UTF-8, e.g. `iconv -f {iconv} -t UTF-8 FILE`"))})

_add("shift-jis", ERROR,
     N_("a plan file saved as Shift_JIS"),
     N_("file is not UTF-8; it looks like {encoding}"),
     N_("re-save it as UTF-8: in メモ帳 (Notepad), 名前を付けて保存 (Save As) and choose 文字コード UTF-8; "
        "in VS Code, click the encoding at the bottom right (Shift JIS), choose エンコード付きで保存 "
        "(Save with Encoding) and UTF-8"),
     N_("Every plan file is UTF-8. Excel's CSV, older メモ帳 and many Windows tools save Japanese "
        "text as Shift_JIS (CP932), which plancc does not read. Open the file in メモ帳 and save "
        "it again with 名前を付けて保存, choosing UTF-8 (not \"UTF-8 (BOM 付き)\") under 文字コード; "
        "or, in VS Code, click the encoding shown at the bottom right of the window and choose "
        "エンコード付きで保存, then UTF-8."),
     """\
     # glossary.yaml saved by an old メモ帳 as ANSI (Shift_JIS)
     """,
     """\
     # glossary.yaml saved again: 名前を付けて保存 → 文字コード: UTF-8
     """)

_add("yaml-tab", ERROR,
     N_("a tab character in indentation"),
     N_("tab character in indentation"),
     N_("indent with spaces; YAML does not allow tabs here"),
     N_("YAML indents with spaces only. A tab at the start of a line (often pasted from a "
        "spreadsheet or typed by an editor set to tabs) makes the file unreadable."),
     """\
     terms:
       - term: スマートフォン
     \treading: すまーとふぉん
     """,
     """\
     terms:
       - term: スマートフォン
         reading: すまーとふぉん
     """)

_add("yaml-syntax", ERROR,
     N_("the file is not valid YAML"),
     N_("YAML syntax error: {problem}"),
     N_("check the YAML at this spot; quoting the text often helps"),
     N_("The YAML reader stopped at this spot. The usual causes in plan files are text that "
        "contains ': ' (it starts a new key), a [ or { that is never closed, text that starts "
        "with @ or `, and wrong indentation. Quoting the text with \"…\" settles most of them. "
        "The problem is described by the YAML library, in English."),
     """\
     - p: 注意: これは段落です
     """,
     """\
     - p: "注意: これは段落です"
     """,
     forms={
         "unclosed": (N_("YAML syntax error: this {bracket} is never closed ({problem})"),
                      N_("close it with ] or }} on the same value, or quote text that contains [ or {{")),
         "mapping-value": (None, N_("a ': ' inside text starts a new key; quote the text with \"…\"")),
         "tab": (None, N_("indent with spaces, not tabs")),
         "indentation": (None, N_("check the indentation of this line and the one above")),
         "alias": (None, N_("define the anchor (&name) before using the alias (*name)")),
         "token": (None, N_("quote text that starts with @, ` or %")),
         "unreadable": (N_("YAML could not be read: {problem}"), N_("check the file's structure")),
     })

_add("unclosed-quote", ERROR,
     N_("a quote that is never closed"),
     N_("this {quote} is never closed"),
     N_("close the text with {quote} on this line"),
     N_("A value that starts with \" or ' goes on, across lines, up to the next such quote. "
        "Left open, it swallows the lines below it and YAML stops somewhere far away, often "
        "at the end of the file; plancc points at the quote that opens it. A closing quote "
        "typed with the IME on (” or ’) does not close it."),
     """\
     blocks:
       - p: "注意: これは段落です
       - p: 次の段落
     """,
     """\
     blocks:
       - p: "注意: これは段落です"
       - p: 次の段落
     """,
     forms={"fullwidth": (N_("this {quote} is closed with a full-width {close}, which YAML does not read as a quote"),
                          N_("type a half-width {quote} in place of {close} (IME off)"))})

# ================================================================ typed with the IME on (Japanese keyboard)

_add("fullwidth-space", ERROR,
     N_("a full-width space (U+3000) where YAML needs a half-width one"),
     N_("full-width space in the indentation"),
     N_("indent with half-width spaces: press 半角/全角 to turn the IME off, delete the full-width "
        "space and type spaces"),
     N_("YAML separates and indents with half-width spaces only. With the IME on, the space bar "
        "types a full-width space (U+3000): it looks like two spaces, but YAML reads it as a "
        "character, so the line is not indented (or the key gets the space in its name) and the "
        "file breaks, often a line later. plancc points at the full-width space itself."),
     """\
     terms:
       - term: スマートフォン
       　reading: すまーとふぉん
     """,
     """\
     terms:
       - term: スマートフォン
         reading: すまーとふぉん
     """,
     forms={"dash": (N_("full-width space after the list dash"),
                     N_("type '- ' with a half-width space (IME off)")),
            "colon": (N_("full-width space after the colon"),
                      N_("type ': ' with a half-width space (IME off)")),
            "key": (N_("full-width space at the end of a key"),
                    N_("delete the full-width space before the colon"))})

_add("fullwidth-colon", ERROR,
     N_("a full-width colon ： after a key"),
     N_("full-width colon after '{name}'"),
     N_("type a half-width colon and a space (IME off): `{name}: `"),
     N_("A key ends with a half-width colon and a space (`title: `). The full-width colon ： "
        "that the IME types is text to YAML, so the line is not a key at all and the file "
        "breaks, usually on the next line."),
     """\
     title：見本市地域情報化計画
     """,
     """\
     title: 見本市地域情報化計画
     """)

_add("fullwidth-bracket", ERROR,
     N_("full-width brackets ［］｛｝ where YAML needs [ ] or { }"),
     N_("full-width bracket {typed} is not a YAML bracket"),
     N_("type half-width brackets (IME off): {fixed}"),
     N_("A list is written in [ ] and a mapping in { }, half-width. The IME's ［ ］ and ｛ ｝ "
        "are text to YAML: the value becomes one text where a list or a mapping was meant, or "
        "the file breaks."),
     """\
     upper_plans: ［第2次見本市総合計画］
     """,
     """\
     upper_plans: [第2次見本市総合計画]
     """)

_add("fullwidth-quote", ERROR,
     N_("quotes “ ” or 「 」 used to quote a YAML value"),
     N_("{quote} do not quote a value in YAML"),
     N_("quote it with half-width double quotes: {fixed}"),
     N_("Text that contains ': ' or starts with a special character is quoted with half-width "
        "\"…\". Quotation marks typed with the IME on (“ ”, 「 」) are part of the text for "
        "YAML and quote nothing; to keep 「 」 in the text, put \"…\" around them."),
     """\
     blocks:
       - p: “注意: これは段落です”
     """,
     """\
     blocks:
       - p: "注意: これは段落です"
     """)

_add("fullwidth-dash", ERROR,
     N_("a full-width dash (－ ー ―) where a list item starts"),
     N_("'{dash}' does not start a list item"),
     N_("start each list item with a half-width '- ' (hyphen and space, IME off)"),
     N_("A list item in block style starts with a half-width hyphen and a space. The IME turns "
        "the hyphen key into －, ー or ―, which YAML reads as text: the items run together "
        "into one text, or the file breaks."),
     """\
     upper_plans:
       ー 第2次見本市総合計画
     """,
     """\
     upper_plans:
       - 第2次見本市総合計画
     """)

_add("fullwidth-digits", ERROR,
     N_("a number, year or date typed with full-width digits or dashes"),
     N_("'{value}' is typed in full-width characters"),
     N_("type it with the IME off (半角): {fixed}"),
     N_("Numbers, fiscal years, dates and schedule keys are data, written with half-width digits "
        "and hyphens (1-1-1, 2025, 2025-03). Full-width digits (１２３) and dashes (－ ー) are "
        "for prose: in text fields plancc keeps them as the source has them."),
     """\
     measures:
       - id: wifi
         parent: 1-1
         number: １－１－１
         title: 公衆無線LANの整備
         schedule: {２０２５: 構築}
     """,
     """\
     measures:
       - id: wifi
         parent: 1-1
         number: 1-1-1
         title: 公衆無線LANの整備
         schedule: {2025: 構築}
     """)

_add("era-date", ERROR,
     N_("a date written in the Japanese era (和暦)"),
     N_("'{value}' is a 和暦 date; plan files write dates in the Western calendar"),
     N_("write {fixed}"),
     N_("Dates (adopted, revised) are written YYYY-MM or YYYY-MM-DD in the Western calendar. "
        "The documents print them with the era as well (2025（令和7年）3月), computed from the "
        "date, so the era is never typed. plancc computes the date the 和暦 stands for "
        "(明治, 大正, 昭和, 平成, 令和; 元年 is year 1; R7 and H30 too)."),
     """\
     adopted: 令和7年3月
     """,
     """\
     adopted: 2025-03
     """)

_add("era-year", ERROR,
     N_("a fiscal year written in the Japanese era (和暦)"),
     N_("'{value}' is a 和暦 year; plan files write fiscal years in the Western calendar"),
     N_("write {fixed}; the documents add the era themselves, in the style plan.yaml's `years` sets"),
     N_("Fiscal years (the period, phases and schedule keys) are written as Western years: "
        "2026, not 令和8年度 or R8. plan.yaml's `years: style` decides how the documents print "
        "them, eras included. plancc computes the year the 和暦 stands for (元年 is year 1)."),
     """\
     schedule: {令和7年度: 構築, 令和8年度: 運用}
     """,
     """\
     schedule: {2025: 構築, 2026: 運用}
     """)

_add("id-not-ascii", ERROR,
     N_("an id written in Japanese"),
     N_("id '{value}' is not written in half-width letters"),
     N_("an id is half-width letters, digits, '-' and '_', like gyomu-jidoka; the Japanese name "
        "belongs in `title`"),
     N_("A measure's id is its identity for plancc, for links and for `plancc diff`, never "
        "printed: it is written in half-width letters, digits, '-' and '_' (a romanized or "
        "English name: gyomu-jidoka, rpa). The name readers see is the `title`."),
     """\
     measures:
       - id: 業務自動化
         parent: 1-2
         number: 1-2-1
         title: RPAの推進
     """,
     """\
     measures:
       - id: gyomu-jidoka
         parent: 1-2
         number: 1-2-1
         title: RPAの推進
     """,
     forms={"fullwidth": (N_("id '{value}' is typed in full-width characters"),
                          N_("type it with the IME off (半角): {fixed}"))})

_add("empty-file", ERROR,
     N_("a plan file holds nothing"),
     N_("file is empty"),
     N_("write the content, or delete the file"),
     N_("A file that plancc reads (plan.yaml, a chapter, glossary, policy or measures file) "
        "holds no YAML at all, or only comments. Delete it if it is not needed yet."),
     """\
     # 用語はまだ
     """,
     """\
     terms: []
     """)

_add("yaml-tag", ERROR,
     N_("a YAML tag (!name) in a plan file"),
     N_("unsupported YAML tag {tag}"),
     N_("remove the tag; plan files use plain YAML"),
     N_("Plan files are plain YAML: a tag such as !city or !!python/object asks a YAML reader "
        "to build something special, which plancc never does."),
     """\
     city: !city 見本市
     """,
     """\
     city: 見本市
     """)

_add("yaml-key", ERROR,
     N_("a mapping key that is not plain text"),
     N_("a mapping key must be plain text"),
     N_("use a plain word as the key"),
     N_("YAML allows a list or a mapping as a key (written with '? '); plan files only use "
        "plain words as keys."),
     """\
     ? [a, b]
     : 総務部情報政策課
     """,
     """\
     section: 総務部情報政策課
     """)

_add("yaml-merge", ERROR,
     N_("a YAML merge key (<<)"),
     N_("merge keys (<<) are not supported"),
     N_("write the keys out"),
     N_("The merge key << copies the keys of another mapping into this one. It is not part of "
        "YAML 1.2 and hides what a plan says; write the keys where they apply."),
     """\
     years: {<<: *defaults}
     """,
     """\
     years: {style: both}
     """)

_add("duplicate-key", ERROR,
     N_("the same key twice in one mapping"),
     N_("duplicate key '{name}' (first at line {first})"),
     N_("remove one of them; YAML would silently keep only the last"),
     N_("A mapping has the same key twice. Many YAML readers keep the last one without a "
        "word, so one of the two values would be lost."),
     """\
     section: 総務部情報政策課
     section: 企画課
     """,
     """\
     section: 総務部情報政策課
     """)

_add("alias-cycle", ERROR,
     N_("a YAML alias that contains itself"),
     N_("an alias refers to the node that contains it"),
     N_("remove the recursive alias"),
     N_("An alias (*name) inside the node its anchor (&name) marks makes an endless structure."),
     """\
     a: &loop
       b: *loop
     """,
     """\
     a:
       b: text
     """)

_add("alias-bomb", ERROR,
     N_("aliases that expand to too much text"),
     N_("aliases expand to more than {limit} copies"),
     N_("write the content out instead of nesting aliases"),
     N_("Anchors and aliases are allowed, but bounded: nested aliases can multiply a few lines "
        "into millions of nodes (a \"billion laughs\" file), and a long text aliased many times "
        "into gigabytes. What the aliases expand to may hold at most 16 MiB of text in all."),
     """\
     a: &a [x, x, x, x, x, x, x, x, x, x]
     b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
     c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
     # … and so on
     """,
     """\
     upper_plans: [第2次見本市総合計画]
     """,
     forms={"bytes": (N_("aliases expand to more than {mib} MiB of text"), None)})

_add("bad-character", ERROR,
     N_("a control character YAML does not allow"),
     N_("character {char} is not allowed in a plan file"),
     N_("remove it; such characters are often pasted in from another program"),
     N_("YAML files may not hold control characters such as NUL (U+0000), ESC (U+001B) or "
        "DEL (U+007F), except tab and line breaks. The finding points at the first one; text "
        "copied from a PDF, a terminal or a word processor sometimes brings one along."),
     """\
     # a NUL character (U+0000, shown here as ␀) pasted after the title, invisible in most editors
     title: 見本市地域情報化計画␀
     """,
     """\
     title: 見本市地域情報化計画
     """)

# ================================================================ finding plans and validating files

_add("not-a-plan", ERROR,
     N_("a file was given where a plan folder is expected"),
     N_("this is a file, not a plan folder"),
     N_("pass the folder that holds plan.yaml"),
     N_("plancc takes plan folders (folders holding plan.yaml), or folders holding plans. A "
        "plan.yaml itself is accepted and means its folder; any other file is not."),
     """\
     # plancc validate plans/mini/measures.yaml
     """,
     """\
     # plancc validate plans/mini
     """)

_add("no-plan", ERROR,
     N_("no plan folder below the given path"),
     N_("no plan found here (a plan is a folder holding plan.yaml)"),
     N_("create plan.yaml in the plan's folder, or pass another path"),
     N_("The folder and the folders below it hold no plan.yaml. Folders whose names start "
        "with a dot are not searched, and symbolic links to folders are not followed."),
     """\
     # plans/mini/ holds chapters/ and measures.yaml, but no plan.yaml
     """,
     """\
     # plans/mini/plan.yaml:
     city: 見本市
     title: 見本市地域情報化計画
     adopted: 2018-03
     period: {start: 2018, end: 2023}
     """)

_add("linked-folder", WARNING,
     N_("a symbolic link to a folder, not followed"),
     N_("symbolic link to a folder, not followed"),
     N_("name the folder it points to on the command line to check it"),
     N_("When plancc looks for plans below a folder it does not follow symbolic links to "
        "folders (a link could lead anywhere, or in a circle). The warning says that a link was "
        "passed over, so a run never checks fewer plans than it seems to."),
     """\
     # ln -s ../../shared/plans/iizuka plans/iizuka
     """,
     """\
     # plancc validate plans ../shared/plans/iizuka
     """)

_add("unknown-file", WARNING,
     N_("a YAML file in the plan folder that plancc does not read"),
     N_("plancc does not read {name}"),
     N_("plan files are plan.yaml, glossary.yaml, policy.yaml, measures.yaml (or .yml) and the "
        "folders chapters/, glossary/, measures/"),
     N_("A .yaml file at the top of a plan folder is not one of the files plancc reads, so "
        "whatever it holds is not in the plan. Often it is a misspelt name or a chapter "
        "outside chapters/."),
     """\
     # plans/mini/glosary.yaml
     """,
     """\
     # plans/mini/glossary.yaml
     """)

_add("yaml-and-yml", ERROR,
     N_("one plan file both as .yaml and as .yml"),
     N_("both {first} and {second} exist"),
     N_("keep one of them: plancc reads .yaml and .yml alike"),
     N_("plancc reads every plan file whether its name ends in .yaml or .yml (plan.yml, "
        "measures.yml, chapters/01-hajimeni.yml). When both names exist, it cannot tell which "
        "one is meant: the plan is not built until one of them is removed."),
     """\
     # plans/mini/measures.yaml and plans/mini/measures.yml
     """,
     """\
     # plans/mini/measures.yaml
     """)

_add("unknown-key", ERROR,
     N_("a key the format does not have"),
     N_("unknown key '{name}' in {what}"),
     N_("remove it; docs/authoring.md lists the keys"),
     N_("Each mapping in a plan file has a fixed set of keys (docs/authoring.md). A key that "
        "is not one of them is usually misspelt; when it is close to a key of the same "
        "mapping, the hint names that key."),
     """\
     measures:
       - id: wifi
         parent: 1-1
         number: 1-1-1
         titel: 公衆無線LANの整備
     """,
     """\
     measures:
       - id: wifi
         parent: 1-1
         number: 1-1-1
         title: 公衆無線LANの整備
     """,
     forms={"close": (None, N_("did you mean '{close}'?"))})

_add("missing-key", ERROR,
     N_("a required key is missing"),
     N_("missing key '{name}' in {what}"),
     N_("add `{name}:`; docs/authoring.md describes it"),
     N_("This mapping needs the key: a plan.yaml needs city, title, adopted and period; a "
        "glossary term needs term, reading and definition; a measure needs id and parent."),
     """\
     terms:
       - term: ビッグデータ
         definition: 膨大なデータのこと。
     """,
     """\
     terms:
       - term: ビッグデータ
         reading: びっぐでーた
         definition: 膨大なデータのこと。
     """)

_add("unknown-block", ERROR,
     N_("a block whose kind is not known"),
     N_("not a block: {keys}"),
     N_("a block is a one-key mapping; the key is one of: {kinds}"),
     N_("Chapters, sections, items, policy nodes and measures hold a list of blocks; each block "
        "is a mapping with one key that says what it is (p, section, item, list, table, "
        "figure, note, signature, policy, period, glossary)."),
     """\
     blocks:
       - picture: {caption: 図表2 計画期間}
     """,
     """\
     blocks:
       - figure: {caption: 図表2 計画期間}
     """)

_add("wrong-type", ERROR,
     N_("a value of the wrong kind (text, number, list, mapping)"),
     N_("expected {expected}, found {found}"),
     N_("see docs/authoring.md for this field"),
     N_("The field needs another kind of value: a list where one text was written, a whole "
        "number where the text has full-width digits or an era year, a mapping where a list "
        "was written."),
     """\
     period: {start: 平成30, end: 2023}
     """,
     """\
     period: {start: 2018, end: 2023}
     """,
     forms={"file": (N_("a {what} file holds a mapping, found {found}"),
                     N_("start the file with keys like `title:`"))})

_add("invalid-value", ERROR,
     N_("a value of the right kind but not an allowed one"),
     N_("'{value}' is not allowed here; expected {expected}"),
     N_("use one of the listed values"),
     N_("The value has the right kind but not the right form: a word that is not in the "
        "field's list, a number or date written the way prose writes it (full-width digits, "
        "era years), an id with characters ids cannot have, empty text, or fields that do "
        "not go together (a merged measure without `into`)."),
     """\
     adopted: 平成30年3月
     measures:
       - id: wifi
         parent: 1-1
         number: １－１－１
         title: 公衆無線LANの整備
         fate: {phase: 中期, kind: merged}
     """,
     """\
     adopted: 2018-03
     measures:
       - id: wifi
         parent: 1-1
         number: 1-1-1
         title: 公衆無線LANの整備
         fate: {phase: 中期, kind: merged, into: gis}
     """,
     forms={
         "number": (N_("a number is written with half-width digits and hyphens, like 1-2-3"),
                    N_("full-width digits and dashes (１－２) are for prose; write 1-2 in data")),
         "id": (N_("an id uses half-width letters, digits, '-', '_' or '.', like public-wifi"),
                N_("an id is for plancc and for links, not for readers: keep the Japanese name in `title`")),
         "date": (N_("a date is written YYYY-MM or YYYY-MM-DD, like 2018-03"),
                  N_("write the Gregorian date: 2018-03 for 平成30年3月")),
         "date-real": (N_("not a real date: {reason}"), N_("check the month and the day")),
         "date-too-early": (N_("{value} is before 1868, where Japanese era years (明治) begin"),
                            N_("plan dates are Gregorian dates from 1868 on, like 2018-03")),
         "blank": (N_("must not be empty"), N_("write the text, or remove the key")),
         "merge-needs-into": (N_("a merged measure names the measure it went into: add `into: <id>`"),
                              N_("`into` is the id of the measure that took this one over")),
         "abolished-with-into": (N_("an abolished measure is not merged: remove `into`, or use kind: merged"),
                                 N_("kind: abolished ends a measure; kind: merged hands it to `into`")),
         "variants-and-number": (N_("a measure with variants keeps its number and title in the variants; "
                                    "remove the top-level number/title"),
                                 N_("each variant has the number and title of its phase")),
         "number-or-variants": (N_("a measure needs a number and a title (or per-phase variants)"),
                                N_("add `number:` and `title:`, or `variants:` with one per phase")),
         "label-template": (N_("'{template}' is not a label template ({problem})"),
                            N_("write the label with the fields {allowed} in braces, like 第{{number}}章")),
         "label-field": (N_("'{field}' cannot be used in this label"),
                         N_("use only {allowed}, each as {{name}} with nothing after the name")),
         "fate-phase-and-year": (N_("a fate names a phase or a year, not both"),
                                 N_("plans with phases write `phase:`, plans without them `year:`")),
         "year-or-phase": (N_("a progress file reports one fiscal year or one phase: give `year:` or `phase:`"),
                           N_("write `year: 2019` at the top of a yearly file, `phase: 前期` in a phase's")),
         "amount": (N_("a number is written with half-width digits, like 30 or 12.5"),
                    N_("write the number alone, without full-width digits, commas or the unit")),
         "period-reversed": (N_("the period ends ({end}) before it starts ({start})"),
                             N_("swap start and end; both are fiscal years, like 2018")),
         "too-small": (N_("must be at least {limit}, found {value}"), N_("fiscal years are Gregorian, like 2018")),
         "too-large": (N_("must be at most {limit}, found {value}"), N_("fiscal years are Gregorian, like 2018")),
         "other": (N_("{detail}"), N_("see docs/authoring.md")),
     })

# ================================================================ plan.yaml: period and phases

_add("year-outside-period", ERROR,
     N_("a year outside the plan period"),
     N_("phase {phase} ({start}-{end}) lies outside the plan period {period_start}-{period_end}"),
     N_("make the phase fit the period"),
     N_("Phases, schedules, progress files and the year a measure ends lie within the plan "
        "period (plan.yaml's `period`, fiscal years, both ends included)."),
     """\
     period: {start: 2018, end: 2023}
     phases:
       - {name: 前期, start: 2018, end: 2020}
       - {name: 中期, start: 2021, end: 2025}
     """,
     """\
     period: {start: 2018, end: 2023}
     phases:
       - {name: 前期, start: 2018, end: 2020}
       - {name: 中期, start: 2021, end: 2023}
     """,
     forms={"schedule": (N_("fiscal year {year} is outside the plan period {period_start}-{period_end}"),
                         N_("schedule only years of the plan period")),
            "year": (N_("fiscal year {year} is outside the plan period {period_start}-{period_end}"),
                     N_("use a fiscal year of the plan period, written like 2019"))})

_add("duplicate-phase", ERROR,
     N_("a phase defined twice, or two variants of one phase"),
     N_("phase {phase} is defined twice"),
     N_("give each phase its own name"),
     N_("Phase names are unique in plan.yaml, and a measure has at most one variant per phase."),
     """\
     phases:
       - {name: 前期, start: 2018, end: 2020}
       - {name: 前期, start: 2021, end: 2023}
     """,
     """\
     phases:
       - {name: 前期, start: 2018, end: 2020}
       - {name: 中期, start: 2021, end: 2023}
     """,
     forms={"variant": (N_("measure '{id}' has two {phase} variants"), N_("keep one variant per phase"))})

_add("phase-overlap", ERROR,
     N_("two phases share a year"),
     N_("phases {first} and {second} overlap in {year}"),
     N_("end {first} before {year}, or start {second} after {end}"),
     N_("Phases follow each other without overlapping: each fiscal year of the period belongs "
        "to one phase."),
     """\
     phases:
       - {name: 前期, start: 2018, end: 2020}
       - {name: 中期, start: 2020, end: 2023}
     """,
     """\
     phases:
       - {name: 前期, start: 2018, end: 2020}
       - {name: 中期, start: 2021, end: 2023}
     """)

_add("phase-gap", ERROR,
     N_("years of the period that no phase covers"),
     N_("no phase covers {years}"),
     N_("start {phase} in {year}"),
     N_("When a plan has phases, they cover the whole period: the first starts when the "
        "period starts, each next one the year after the previous ends, and the last ends "
        "with the period."),
     """\
     period: {start: 2018, end: 2023}
     phases:
       - {name: 前期, start: 2018, end: 2020}
       - {name: 中期, start: 2022, end: 2023}
     """,
     """\
     period: {start: 2018, end: 2023}
     phases:
       - {name: 前期, start: 2018, end: 2020}
       - {name: 中期, start: 2021, end: 2023}
     """,
     forms={"period-start": (N_("no phase covers the start of the period ({year})"), None),
            "period-end": (N_("no phase covers the end of the period ({year})"), N_("end {phase} in {year}"))})

_add("invalid-date", ERROR,
     N_("a revision dated before the plan's adoption"),
     N_("revision {date} is before adoption {adopted}"),
     N_("check both dates"),
     N_("A plan is revised (改訂) after it is adopted (策定): every date under `revised` is "
        "later than `adopted`."),
     """\
     adopted: 2018-03
     revised:
       - date: 2017-03
     """,
     """\
     adopted: 2018-03
     revised:
       - date: 2021-03
     """)

_add("draft", WARNING,
     N_("the plan is a draft (draft: true): it has no adoption date yet"),
     N_("this edition is a draft (draft: true): it is built with {draft} in place of the adoption date"),
     N_("once the plan is adopted, replace draft: true by its date, like adopted: 2031-03"),
     N_("An edition being drafted says `draft: true` in plan.yaml (`plancc init` and "
        "`plancc new-edition` write it). validate warns, and build still builds it, so that "
        "drafts can be previewed and reviewed; the built pages show words.draft (策定前（案）) "
        "where the adoption date would be, so a draft is never mistaken for the adopted plan. "
        "Era labels use every era known today until the plan is adopted."),
     """\
     draft: true
     """,
     """\
     adopted: 2031-03
     """)

_add("draft-adopted", ERROR,
     N_("a draft with an adoption date"),
     N_("draft: true, but adopted: {adopted} says the plan is adopted"),
     N_("remove draft: true now that the plan is adopted, or remove adopted while it is a draft"),
     N_("`draft: true` marks an edition not adopted yet; `adopted` is the date it was adopted. "
        "A plan cannot be both: once it is adopted, the `draft` line goes and the date stays."),
     """\
     draft: true
     adopted: 2031-03
     """,
     """\
     adopted: 2031-03
     """)

_add("adopted-empty", WARNING,
     N_("`adopted` is written without a date"),
     N_("adopted has no value: the title page shows no adoption date, and the plan is not a draft"),
     N_("write the date, like adopted: 2031-03; a draft says draft: true instead; where the source "
        "does not say when the plan was adopted, leave adopted out"),
     N_("`adopted` is the date the plan was adopted (策定). An adopted plan whose source does not "
        "say when leaves the key out: its title page shows no adoption line, and eras are those "
        "known at the start of its period. A draft says `draft: true`, and its pages show "
        "words.draft (策定前（案）). A key written with no value says neither, so plancc asks "
        "which was meant (earlier versions of plancc built it as a draft)."),
     """\
     adopted:
     """,
     """\
     draft: true
     """)

# ================================================================ glossary and term references

_add("duplicate-term", ERROR,
     N_("a glossary term defined twice"),
     N_("term '{term}' is defined twice (first in {first})"),
     N_("keep one definition, or give the second its own `id`"),
     N_("References [[X]] find a term by its id, or by its term when it has no id, so each "
        "must be unique across the glossary files."),
     """\
     terms:
       - {term: GIS, reading: じーあいえす, definition: 地理情報システム。}
       - {term: GIS, reading: じーあいえす, definition: 統合型GIS。}
     """,
     """\
     terms:
       - {term: GIS, reading: じーあいえす, definition: 地理情報システム。}
       - {id: togo-gis, term: GIS, reading: じーあいえす, definition: 統合型GIS。}
     """)

_add("reading-not-kana", ERROR,
     N_("a glossary reading that is not kana"),
     N_("reading of '{term}' is not kana ('{char}')"),
     N_("write the reading (よみ) in hiragana or katakana, e.g. じょうほう"),
     N_("Terms are sorted by their reading (50音順) and grouped by kana row, so the reading is "
        "written in hiragana or katakana (ー, ・ and spaces allowed). plancc never guesses "
        "readings."),
     """\
     terms:
       - {term: タブレット端末, reading: たぶれっと端末, definition: 軽量なパソコン。}
     """,
     """\
     terms:
       - {term: タブレット端末, reading: たぶれっとたんまつ, definition: 軽量なパソコン。}
     """)

_add("undefined-term", ERROR,
     N_("a term reference [[X]] to a term the glossary does not have"),
     N_("term '{ref}' is not in the glossary"),
     N_("define it in glossary.yaml, or remove the [[ ]]"),
     N_("[[X]] refers to the glossary term whose id (or, without id, whose term) is X; "
        "[[shown|ref]] shows one word and refers to another. When a term's name contains the "
        "reference, the hint suggests the [[shown|ref]] form."),
     """\
     blocks:
       - p: "[[ビックデータ]]の活用を進めます。"
     """,
     """\
     blocks:
       - p: "[[ビッグデータ]]の活用を進めます。"
     """,
     forms={"close": (None, N_("did you mean [[{shown}|{close}]]? define it in glossary.yaml, or remove the [[ ]]"))})

_add("fullwidth-ref", ERROR,
     N_("a term reference typed with full-width brackets or letters"),
     N_("'{typed}' does not reference the term '{term}': it is typed in full-width characters"),
     N_("write {fixed} with half-width brackets"),
     N_("A term reference is [[X]] with half-width brackets, and X is the term's id (or term) "
        "as written in the glossary. Typed with the IME on, ［［X］］ is plain text: it is "
        "printed with its brackets and without its footnote. plancc names the term the "
        "reference stands for when the text, read as half-width, is one."),
     """\
     blocks:
       - p: ［［ビッグデータ］］を活用します。
     """,
     """\
     blocks:
       - p: "[[ビッグデータ]]を活用します。"
     """,
     forms={"term": (N_("'{typed}' does not reference the term '{term}', which the glossary writes in full-width "
                        "characters"), None)})

_add("fullwidth-ref-text", WARNING,
     N_("text in full-width double brackets ［［…］］ that names no term"),
     N_("'{typed}' looks like a term reference but names no term; it is printed as typed"),
     N_("to footnote a term, define it in the glossary and write [[{ref}]] with half-width "
        "brackets; if the brackets are meant as text, build with --allow-warnings"),
     N_("［［…］］ is how a term reference [[…]] comes out with the IME on, but this one names "
        "no glossary term, so it may be meant as text. `build` refuses it unless "
        "--allow-warnings is given, so that a reference that lost its footnote is never "
        "published without a word."),
     """\
     blocks:
       - p: ［［クラウド］］を活用します。
     # and no term クラウド in the glossary
     """,
     """\
     blocks:
       - p: "[[クラウド]]を活用します。"
     # glossary.yaml: - {term: クラウド, reading: くらうど, definition: …}
     """,
     build_refuses=True)

_add("unused-term", WARNING,
     N_("a glossary term nothing refers to"),
     N_("term '{term}' is never referenced"),
     N_("reference it where the source footnotes it: [[{term}]]"),
     N_("When no chapter prints the glossary (a `glossary` block), terms appear only as "
        "footnotes where they are referenced, so a term without references is not printed "
        "at all."),
     """\
     terms:
       - {term: ドローン, reading: どろーん, definition: 無人航空機。}
     # and no [[ドローン]] anywhere
     """,
     """\
     blocks:
       - p: "[[ドローン]]による点検を試行します。"
     """)

# ================================================================ policy tree and measures

_add("duplicate-id", ERROR,
     N_("two measures (or policy nodes) with one id"),
     N_("measure id '{id}' is used twice"),
     N_("ids must be unique within a plan"),
     N_("A measure's id is its identity across revisions and the key `diff` matches by; a "
        "policy node is found by its id or number. Both are unique within a plan."),
     """\
     measures:
       - {id: wifi, parent: 1-1, number: 1-1-1, title: 公衆無線LANの整備}
       - {id: wifi, parent: 1-1, number: 1-1-2, title: 公衆無線LANの活用}
     """,
     """\
     measures:
       - {id: wifi, parent: 1-1, number: 1-1-1, title: 公衆無線LANの整備}
       - {id: wifi-use, parent: 1-1, number: 1-1-2, title: 公衆無線LANの活用}
     """,
     forms={"node": (N_("policy node '{id}' appears twice"), N_("give each node its own number or id"))})

_add("number-parent", ERROR,
     N_("a number that does not extend its parent's"),
     N_("number {number} does not fit under {parent}"),
     N_("number it {parent}-N, or set `parent:` to the node it belongs to"),
     N_("Numbers are hierarchical: a child of node 1-2 is numbered 1-2-N, one more part than "
        "its parent. A number that does not fit usually means the wrong `parent`."),
     """\
     measures:
       - {id: rpa, parent: 1-2, number: 1-3-1, title: RPAの推進}
     """,
     """\
     measures:
       - {id: rpa, parent: 1-2, number: 1-2-1, title: RPAの推進}
     """,
     forms={"node": (None, N_("number it {parent}-N, or move it under the node it belongs to"))})

_add("unknown-level", ERROR,
     N_("a policy level that plan.yaml does not name"),
     N_("the tree is deeper than the {count} levels named in plan.yaml"),
     N_("add the level to `levels:` in plan.yaml"),
     N_("plan.yaml's `levels` names each depth of the policy tree (基本方針, 基本目標, …); the "
        "tree is no deeper than that, and a `policy` block names only those levels."),
     """\
     # plan.yaml
     levels: [{name: 基本方針}, {name: 基本目標}]
     # a chapter
     - policy: {levels: [基本施策]}
     """,
     """\
     - policy: {levels: [基本方針]}
     """,
     forms={"view": (N_("level '{level}' is not named in plan.yaml's levels"), N_("known levels: {known}"))})

_add("unknown-parent", ERROR,
     N_("a reference to a policy node that does not exist"),
     N_("policy node '{parent}' does not exist"),
     N_("use the number or id of a node in policy.yaml"),
     N_("A measure's `parent` (and a policy block's `under` and `headings`) is the number or id "
        "of a node in policy.yaml."),
     """\
     measures:
       - {id: rpa, parent: 3-1, number: 1-2-1, title: RPAの推進}
     """,
     """\
     measures:
       - {id: rpa, parent: 1-2, number: 1-2-1, title: RPAの推進}
     """)

_add("duplicate-number", ERROR,
     N_("two measures (or chapters) with one number"),
     N_("number {number} is already used by '{other}'"),
     N_("each measure needs its own number within a phase"),
     N_("Within a phase every measure has its own number (a measure renumbered by a review "
        "keeps its id and gets a new number in its new variant), and every chapter its own "
        "chapter number."),
     """\
     measures:
       - id: gis
         parent: 1-1
         variants:
           - {phase: 前期, number: 1-1-1, title: 統合型GISの調査研究}
     # while wifi is 1-1-1 in 前期 too
     """,
     """\
     measures:
       - id: gis
         parent: 1-1
         variants:
           - {phase: 前期, number: 1-1-3, title: 統合型GISの調査研究}
     """,
     forms={"phase": (N_("number {number} is already used by '{other}' in phase {phase}"), None),
            "chapter": (N_("chapter {number} appears twice (also {other})"), N_("renumber one of the chapters"))})

_add("unknown-mark", ERROR,
     N_("a measure mark that plan.yaml does not define"),
     N_("mark '{mark}' is not in plan.yaml's marks"),
     N_("known marks: {known}"),
     N_("A measure's `marks` come from the vocabulary in plan.yaml's `marks`."),
     """\
     marks: [注目]
     """,
     """\
     marks: [新規]
     """)

_add("unknown-phase", ERROR,
     N_("a phase that plan.yaml does not define"),
     N_("phase '{phase}' is not defined in plan.yaml"),
     N_("known phases: {known}"),
     N_("A variant's or fate's `phase`, and a schedule key that is not a year, is the name of "
        "a phase in plan.yaml's `phases`."),
     """\
     variants:
       - {phase: 初期, number: 1-1-3, title: 統合型GISの調査研究}
     """,
     """\
     variants:
       - {phase: 前期, number: 1-1-3, title: 統合型GISの調査研究}
     """,
     forms={"schedule": (N_("schedule key '{name}' is neither a fiscal year nor a phase"),
                         N_("use a Gregorian fiscal year (2018) or a phase name from plan.yaml"))})

_add("inconsistent-new", ERROR,
     N_("a variant marked 新規 for a measure that existed before"),
     N_("{phase} variant is marked 新規 but the measure existed before"),
     N_("remove the mark, or make it a separate measure"),
     N_("新規 marks a measure that a review added. A measure with an earlier variant is not "
        "new in a later phase; if the source really calls it new, it is a separate measure."),
     """\
     variants:
       - {phase: 前期, number: 1-1-1, title: 公衆無線LANの整備}
       - {phase: 中期, marks: [新規], number: 1-1-1, title: 公衆無線LANの活用}
     """,
     """\
     variants:
       - {phase: 前期, number: 1-1-1, title: 公衆無線LANの整備}
       - {phase: 中期, number: 1-1-1, title: 公衆無線LANの活用}
     """)

_add("unknown-class", ERROR,
     N_("a measure class that plan.yaml does not define"),
     N_("class '{name}' is not in plan.yaml's classes"),
     N_("known classes: {known}"),
     N_("A measure's `class` is one of plan.yaml's `classes`."),
     """\
     class: 最重要施策
     """,
     """\
     class: 重点施策
     """)

_add("unknown-tag", ERROR,
     N_("a legal-basis tag that plan.yaml does not define"),
     N_("tag '{tag}' is not in plan.yaml's tags"),
     N_("known tags: {known}"),
     N_("A measure's `tags` are ids of plan.yaml's `tags`."),
     """\
     tags: [law99]
     """,
     """\
     tags: [law10]
     """)

_add("invalid-year", ERROR,
     N_("a schedule year not written as a Gregorian fiscal year"),
     N_("schedule key '{name}' is neither a fiscal year nor a phase"),
     N_("use a Gregorian fiscal year (2018) or a phase name from plan.yaml"),
     N_("Schedule keys are fiscal years written as Gregorian numbers (2018, not 平成30年度 or "
        "２０１８), or phase names; the documents print years in the plan's `years` style."),
     """\
     schedule: {平成30年度: 構築}
     """,
     """\
     schedule: {2018: 構築}
     """)

_add("stages-joined", ERROR,
     N_("several stages typed as one text (構築、運用)"),
     N_("'{cell}' is several stages written as one"),
     N_("write them as a list: {fixed}"),
     N_("A schedule cell holds one stage, or a list of stages in [ ]. Stages joined with 、 ・ "
        "or ， make one text that is no stage of plan.yaml's `stages`."),
     """\
     schedule: {2025: 構築、運用}
     """,
     """\
     schedule: {2025: [構築, 運用]}
     """)

_add("schedule-mixed-keys", ERROR,
     N_("a schedule keyed by both phases and fiscal years"),
     N_("schedule mixes the phase '{phase}' and the fiscal year '{year}'"),
     N_("key the whole schedule by fiscal years or by phases, as the plan's other measures are"),
     N_("The schedule grid has one column per fiscal year, or one per phase; a schedule that "
        "names both would lose the cells of one kind, printed as blank."),
     """\
     schedule: {前期: 構築, 2022: 運用}
     """,
     """\
     schedule: {2019: 構築, 2022: 運用}
     """)

_add("schedule-key-kind", ERROR,
     N_("a measure scheduled by phases while the others are scheduled by years, or the reverse"),
     N_("measure '{id}' is scheduled by {kind} ('{name}') but the plan's other measures by {other} "
        "(like '{other_id}': '{other_key}')"),
     N_("key its schedule by {other}, as the others are: the schedule grid has a column for each "
        "of those, so this measure's row would be blank"),
     N_("All measures of a plan share one schedule grid, with a column per fiscal year when the "
        "measures are scheduled by year, or per phase when by phase. A measure keyed the other "
        "way would get a blank row. plancc names the kind most measures use."),
     """\
     measures:
       - {id: wifi, parent: 1-1, number: 1-1-1, title: 公衆無線LANの整備, schedule: {2018: 構築, 2019: 運用}}
       - {id: gis, parent: 1-1, number: 1-1-2, title: GISの活用推進, schedule: {前期: 構築}}
     """,
     """\
     measures:
       - {id: wifi, parent: 1-1, number: 1-1-1, title: 公衆無線LANの整備, schedule: {2018: 構築, 2019: 運用}}
       - {id: gis, parent: 1-1, number: 1-1-2, title: GISの活用推進, schedule: {2018: 構築}}
     """)

_add("unknown-stage", ERROR,
     N_("a schedule stage that plan.yaml does not define"),
     N_("stage '{stage}' is not in plan.yaml's stages"),
     N_("known stages: {known}; ⇒ means continues"),
     N_("A schedule cell is one of plan.yaml's `stages`, a list of them, or ⇒ (the previous "
        "stage continues)."),
     """\
     schedule: {前期: 建設, 中期: 運用}
     """,
     """\
     schedule: {前期: 構築, 中期: 運用}
     """)

_add("merge-into-self", ERROR,
     N_("a measure merged into itself"),
     N_("measure '{id}' is merged into itself"),
     N_("name the measure it went into"),
     N_("A merged measure's `into` is the id of another measure, the one that took it over."),
     """\
     - id: disaster
       fate: {phase: 中期, kind: merged, into: disaster}
     """,
     """\
     - id: disaster
       fate: {phase: 中期, kind: merged, into: gis}
     """)

_add("unknown-merge-target", ERROR,
     N_("a measure merged into a measure that does not exist"),
     N_("merge target '{target}' does not exist"),
     N_("use the id of another measure"),
     N_("A merged measure's `into` is the id of a measure of the same plan."),
     """\
     fate: {phase: 中期, kind: merged, into: nowhere}
     """,
     """\
     fate: {phase: 中期, kind: merged, into: gis}
     """)

_add("merge-cycle", ERROR,
     N_("measures merged into each other in a circle"),
     N_("measure '{id}' is merged in a circle (via '{via}')"),
     N_("one measure of the chain must survive"),
     N_("Following `into` from a merged measure must end at a measure that is not merged; "
        "a chain that comes back to where it started leaves no measure standing."),
     """\
     - {id: a, fate: {phase: 中期, kind: merged, into: b}}
     - {id: b, fate: {phase: 中期, kind: merged, into: a}}
     """,
     """\
     - {id: a, fate: {phase: 中期, kind: merged, into: b}}
     - {id: b}
     """)

_add("fate-schedule", ERROR,
     N_("a measure scheduled in or after the phase it was abolished or merged in"),
     N_("measure '{id}' is {fate} in {phase}, but its schedule has '{stage}' for {name}"),
     N_("remove the schedule from {phase} on, or correct the fate's phase"),
     N_("A measure's `fate` says in which phase it was abolished or merged; from that phase on, "
        "the documents print the fate (廃止, 統合（→…）) where the measure's stages would be. A "
        "schedule or a variant in or after that phase says the opposite."),
     """\
     - id: portal
       number: 1-2-2
       title: 市民ポータルの運営
       schedule: {前期: 構築, 中期: 運用, 後期: 運用}
       fate: {phase: 後期, kind: abolished}
     """,
     """\
     - id: portal
       number: 1-2-2
       title: 市民ポータルの運営
       schedule: {前期: 構築, 中期: 運用}
       fate: {phase: 後期, kind: abolished}
     """,
     forms={"variant": (N_("measure '{id}' is {fate} in {phase}, but has a variant for {variant}"),
                        N_("remove the variant, or correct the fate's phase"))})

_add("unplaced-measure", WARNING,
     N_("a measure no policy block shows"),
     N_("measure '{id}' is printed nowhere: no `policy` block with `measures: true` shows its node or a node above it"),
     N_("add `measures: true` to the policy block that shows its node"),
     N_("Measures are printed under the policy tree, by a chapter's `policy` block with "
        "`measures: true`, beneath the nearest node that block shows. A measure whose node (and "
        "every node above it) no such block shows appears in schedule.csv but in no document."),
     """\
     blocks:
       - policy: {under: 1, levels: [基本目標]}
     """,
     """\
     blocks:
       - policy: {under: 1, levels: [基本目標, 施策], measures: true}
     """)

_add("unplaced-marks", WARNING,
     N_("mark descriptions no legend shows"),
     N_("mark descriptions are printed nowhere"),
     N_("place a `marks: {{}}` block (the legend of marks) in the chapter that explains them"),
     N_("plan.yaml gives a mark (新規, 重点 …) a description, which a reader needs to understand "
        "the mark, but no chapter holds a `marks` block, the legend where descriptions are printed."),
     """\
     marks:
       - {name: 新規, label: ☆, description: 新たに取り組む施策}
     # and no `- marks: {}` in any chapter
     """,
     """\
     blocks:
       - marks: {caption: 標記の注釈}
     """)

_add("misplaced-block", ERROR,
     N_("a generated block inside the policy tree or a measure"),
     N_("a `{kind}` block cannot stand here"),
     N_("put it in a chapter"),
     N_("Blocks that plancc fills in itself (the policy tree, the glossary, the marks legend, "
        "the schedule) belong in chapters. Inside a policy node or a measure they would print "
        "themselves inside themselves."),
     """\
     measures:
       - id: wifi
         blocks:
           - glossary: {}
     """,
     """\
     # chapters/09-glossary.yaml
     blocks:
       - glossary: {}
     """)

# ================================================================ chapters

_add("table-shape", ERROR,
     N_("a table row with the wrong number of cells"),
     N_("row has {cells} cells, the table has {columns} columns"),
     N_("add empty cells (\"\") or fix the split"),
     N_("Every row of a table has as many cells as the header (or, without header, as the "
        "first row). A cell that holds several lines is a list inside the cell, not more "
        "cells."),
     """\
     - table:
         header: [年度, 取組]
         rows:
           - [平成30年度]
     """,
     """\
     - table:
         header: [年度, 取組]
         rows:
           - [平成30年度, ""]
     """)

# ================================================================ progress (progress/*.yaml)

_add("unknown-measure", ERROR,
     N_("a progress record for a measure that does not exist"),
     N_("measure '{measure}' does not exist"),
     N_("name the measure by its id in measures.yaml"),
     N_("A progress record names its measure by the measure's `id` (which stays the same when "
        "a review renumbers the measure), not by its number or title."),
     """\
     # progress/2019.yaml
     year: 2019
     records:
       - {measure: 1-1-1, status: 継続}
     """,
     """\
     year: 2019
     records:
       - {measure: public-wifi, status: 継続}
     """,
     forms={"close": (None, N_("did you mean '{close}'?")),
            "number": (N_("'{measure}' is a measure's number, not its id"),
                       N_("records name a measure by its id: write '{id}'"))})

_add("unknown-status", ERROR,
     N_("a progress status that plan.yaml does not define"),
     N_("status '{status}' is not in plan.yaml's progress statuses"),
     N_("known statuses: {known}"),
     N_("A record's `status` is one of the words of plan.yaml's `progress.statuses`, the "
        "vocabulary the plan defines with the definition of each word, so that every year is "
        "counted by the same words."),
     """\
     records:
       - {measure: public-wifi, status: 完了}
     # plan.yaml: progress: {statuses: [{name: 完了／目標達成}, {name: 継続}]}
     """,
     """\
     records:
       - {measure: public-wifi, status: 完了／目標達成}
     """,
     forms={"close": (None, N_("did you mean '{close}'? known statuses: {known}")),
            "none": (N_("status '{status}' is given, but plan.yaml defines no progress statuses"),
                     N_("define the vocabulary under `progress: statuses:` in plan.yaml, with a "
                        "definition for each word"))})

_add("missing-status", ERROR,
     N_("a progress record without a status"),
     N_("the record of '{measure}' has no status"),
     N_("add `status:`, one of: {known}"),
     N_("When plan.yaml defines progress statuses, every record says which one applies, so "
        "that the report counts every measure."),
     """\
     records:
       - {measure: public-wifi, narrative: 公民館へ整備しました。}
     """,
     """\
     records:
       - {measure: public-wifi, status: 継続, narrative: 公民館へ整備しました。}
     """)

_add("unknown-direction", ERROR,
     N_("a progress direction that plan.yaml does not define"),
     N_("direction '{direction}' is not in plan.yaml's progress directions"),
     N_("known directions: {known}"),
     N_("A record's `direction` (方向性) is one of the words of plan.yaml's "
        "`progress.directions`."),
     """\
     records:
       - {measure: public-wifi, status: 継続, direction: 拡大}
     """,
     """\
     records:
       - {measure: public-wifi, status: 継続, direction: 拡大・拡充}
     """,
     forms={"close": (None, N_("did you mean '{close}'? known directions: {known}")),
            "none": (N_("direction '{direction}' is given, but plan.yaml defines no progress directions"),
                     N_("define the vocabulary under `progress: directions:` in plan.yaml"))})

_add("progress-before-start", WARNING,
     N_("a progress record for a period before the measure starts"),
     N_("'{measure}' starts in {start}; {period} is before that"),
     N_("check the period, or the measure's schedule"),
     N_("A measure starts with its first scheduled year, or with the phase of its first variant. "
        "A record for an earlier period usually means the wrong file or the wrong measure; if the "
        "work really began early, the schedule no longer says what happened."),
     """\
     # measures.yaml: schedule: {2021: 検討, 2022: 構築}
     year: 2019
     records:
       - {measure: ai-chat, status: 継続}
     """,
     """\
     year: 2021
     records:
       - {measure: ai-chat, status: 継続}
     """)

_add("progress-after-fate", ERROR,
     N_("a progress record for a measure abolished or merged before that period"),
     N_("'{measure}' was abolished from {end}; {period} is not before that"),
     N_("remove the record, or correct the measure's `fate`"),
     N_("A measure's `fate` says from which phase (or fiscal year) it no longer exists. A record "
        "for that period or a later one has no measure to report on; a merged measure's work is "
        "reported under the measure it went into."),
     """\
     # measures.yaml: fate: {year: 2021, kind: abolished}
     year: 2021
     records:
       - {measure: old-board, status: 停滞}
     """,
     """\
     year: 2020
     records:
       - {measure: old-board, status: 停滞}
     """,
     forms={"merged": (N_("'{measure}' was merged into '{into}' from {end}; {period} is not before that"),
                       N_("report it under '{into}'"))})

_add("duplicate-record", ERROR,
     N_("two progress records for one measure and period"),
     N_("'{measure}' already has a record for {period} (at {first})"),
     N_("keep one record per measure and period"),
     N_("Each measure has at most one record per fiscal year or phase, in whichever progress "
        "file; a phase's 実施状況 is written either as a variant's `status` in measures.yaml or "
        "as a record of the phase, not both."),
     """\
     year: 2019
     records:
       - {measure: public-wifi, status: 継続}
       - {measure: public-wifi, status: 完了／目標達成}
     """,
     """\
     year: 2019
     records:
       - {measure: public-wifi, status: 完了／目標達成}
     """,
     forms={"status": (N_("the {period} 実施状況 of '{measure}' is written twice: as a variant's "
                          "`status` ({first}) and as a progress record"),
                       N_("keep one of them; the record is the one the progress report counts"))})

_add("indicator-unit", ERROR,
     N_("an indicator without a unit, or with a unit that changes"),
     N_("indicator '{name}' of '{measure}' has no unit"),
     N_("add `unit:` (件, 人, ％ …)"),
     N_("An indicator's target and actual are numbers in a unit; the unit is written with every "
        "record and stays the same from period to period, so that the years can be compared."),
     """\
     indicators:
       - {name: 電子申請の件数, target: 1200, actual: 980}
     """,
     """\
     indicators:
       - {name: 電子申請の件数, unit: 件, target: 1200, actual: 980}
     """,
     forms={"changed": (N_("indicator '{name}' of '{measure}' is in {unit} here but in {first} in {where}"),
                        N_("use one unit in every period; convert the numbers if the unit changed"))})

_add("duplicate-vocabulary", ERROR,
     N_("a progress status or direction defined twice"),
     N_("'{name}' is defined twice in progress.{field}"),
     N_("give each word of the vocabulary its own name"),
     N_("Records name a status or direction by its `name`, so each name appears once in its list."),
     """\
     progress:
       statuses:
         - {name: 継続, definition: 概ね計画通り}
         - {name: 継続, definition: 計画より遅れている}
     """,
     """\
     progress:
       statuses:
         - {name: 継続, definition: 概ね計画通り}
         - {name: 調整, definition: 計画より遅れている}
     """)

# ================================================================ command errors (exit 2)

_add("no-such-path", ERROR,
     N_("a path on the command line does not exist"),
     N_("{path}: no such file or folder"),
     N_("check the path; without paths, plancc reads plans/"),
     N_("A plan folder (or a folder of plans) given to validate or build does not exist."),
     "plancc validate plans/iizuak\n",
     "plancc validate plans/iizuka\n",
     kind=COMMAND)

_add("worker-lost", ERROR,
     N_("a worker process ended without its results"),
     N_("a worker process stopped without finishing ({status})"),
     N_("run again with --jobs 1 to see why"),
     N_("validate and build share plans out over worker processes. One of them ended before "
        "it sent its results, most often killed for lack of memory. Nothing was written; "
        "--jobs 1 runs every plan in one process, where the cause shows."),
     "plancc build plans -o build      # a worker killed by the out-of-memory killer\n",
     "plancc build plans -o build --jobs 1\n",
     kind=COMMAND)

_add("out-not-folder", ERROR,
     N_("--out names a file"),
     N_("{out}: exists and is not a folder"),
     N_("choose an empty or new --out folder"),
     N_("build writes into the folder given with --out (default build/); a file of that name "
        "is left alone."),
     "plancc build plans -o README.md\n",
     "plancc build plans -o build\n",
     kind=COMMAND)

_add("out-parent-missing", ERROR,
     N_("the folder that would hold --out does not exist"),
     N_("{out}: its parent folder {parent} does not exist"),
     N_("create it, or choose an empty or new --out folder"),
     N_("build creates the --out folder, but not the folders above it, so that a typing "
        "mistake does not scatter folders."),
     "plancc build plans -o /srv/www/plnas/out\n",
     "plancc build plans -o /srv/www/plans/out\n",
     kind=COMMAND)

_add("out-symlink", ERROR,
     N_("an output folder is a symbolic link"),
     N_("{path}: is a symbolic link"),
     N_("pass the real folder"),
     N_("build replaces output folders by renaming; it does not write through symbolic links, "
        "which could point anywhere."),
     "plancc build plans -o public      # public -> /var/www/html\n",
     "plancc build plans -o /var/www/html\n",
     forms={"through": (N_("{path}: is a symbolic link; plancc does not write through one"),
                        N_("move it away, or choose an empty or new --out folder"))},
     kind=COMMAND)

_add("out-in-plan", ERROR,
     N_("--out is, holds or lies inside a plan folder being built"),
     N_("{out}: is the plan folder {plan} being built"),
     N_("choose an empty or new --out folder outside the plan folders (such as -o build)"),
     N_("build replaces the folders it writes. Writing into a plan folder, or into a folder that "
        "holds one, would replace the plan's own files, so it is refused before anything is "
        "touched."),
     "cd plans/iizuka && plancc build 2021 -o .\n",
     "plancc build plans/iizuka/2021 -o build\n",
     forms={"holds": (N_("{out}: holds the plan folder {plan} being built"), None),
            "inside": (N_("{out}: lies inside the plan folder {plan} being built"), None)},
     kind=COMMAND)

_add("out-not-plancc", ERROR,
     N_("--out holds files plancc did not write"),
     N_("{out}: holds files plancc did not write ({shown}) and no {manifest}"),
     N_("choose an empty or new --out folder, or pass a folder plancc built (one built before "
        "plancc kept {manifest} has none: remove it and build again)"),
     N_("OUT belongs to plancc: it is new, empty, or holds plancc's manifest (.plancc.json), "
        "which lists the folders plancc wrote there. A folder plancc did not write is never "
        "replaced, so that a mistyped --out cannot delete anyone's files."),
     "plancc build plans -o ~/Documents\n",
     "plancc build plans -o build\n",
     forms={"target": (N_("{path}: exists and plancc did not write it (it is not in {manifest})"),
                       N_("move it away, or choose an empty or new --out folder")),
            "file": (N_("{path}: is not a folder plancc wrote"),
                     N_("move it away, or choose an empty or new --out folder"))},
     kind=COMMAND)

_add("out-bad-manifest", ERROR,
     N_("the manifest in --out cannot be read"),
     N_("{path}: is not a manifest plancc can read ({reason})"),
     N_("if {out} is a folder plancc built, remove it and build again, or choose an empty or "
        "new --out folder"),
     N_("plancc keeps a manifest (.plancc.json) in OUT listing the folders it wrote. This one "
        "is damaged or was not written by this version of plancc, so plancc cannot tell which "
        "folders are its own and writes nothing."),
     "echo '{}' > build/.plancc.json && plancc build plans -o build\n",
     "rm -r build && plancc build plans -o build\n",
     kind=COMMAND)

_add("out-outside", ERROR,
     N_("a plan's outputs would land outside --out"),
     N_("{folder}: would be written outside {out}"),
     N_("run plancc from the folder that holds plans/, or choose another --out"),
     N_("Each plan is built into the folder below --out that mirrors its path below plans/; "
        "a path that would leave --out, or a folder name plancc does not write (hidden, '..'), "
        "is refused."),
     "plancc build ../plans/mini -o .\n",
     "plancc build plans/mini -o build\n",
     forms={"name": (N_("{folder}: is not a folder name plancc writes into {out}"), None)},
     kind=COMMAND)

_add("out-shared", ERROR,
     N_("two plans would be built into one folder"),
     N_("{folder}: two plans would be written here"),
     N_("build them into separate --out folders"),
     N_("Two plan folders mirror to the same output folder (e.g. a/plans/x and b/plans/x), so "
        "one would overwrite the other."),
     "plancc build a/plans/mini b/plans/mini -o build\n",
     "plancc build a/plans/mini -o build-a && plancc build b/plans/mini -o build-b\n",
     kind=COMMAND)

_add("out-nested", ERROR,
     N_("one plan's outputs would go inside another's"),
     N_("{folder}: would be written inside {outer}, another plan's folder"),
     N_("build them into separate --out folders"),
     N_("A plan folder that holds another plan folder mirrors to an output folder that holds "
        "the other's, so replacing one would replace the other."),
     "plancc build plans/toride plans/toride/4th -o build\n",
     "plancc build plans/toride -o build\n",
     kind=COMMAND)

_add("out-create-failed", ERROR,
     N_("the output folder cannot be created"),
     N_("{out}: cannot create the output folder: {reason}"),
     N_("check the permissions of the folder above it, or choose another --out"),
     N_("build could not create --out, or its staging folder inside it."),
     "plancc build plans -o /usr/share/plans\n",
     "plancc build plans -o build\n",
     forms={"prepare": (N_("{out}: cannot prepare the output folder: {reason}"), None)},
     kind=COMMAND)

_add("out-locked", ERROR,
     N_("another build is writing into --out"),
     N_("{out}: another plancc build is writing into it"),
     N_("wait until it has finished, then build again"),
     N_("One build at a time writes into an output folder; plancc waited for the other one "
        "(or the workers of one just stopped) and gave up."),
     "plancc build plans -o build & plancc build plans -o build\n",
     "plancc build plans -o build; plancc build plans -o build\n",
     kind=COMMAND)

_add("unknown-format", ERROR,
     N_("build was asked for an output format it does not know"),
     N_("unknown output format '{format}'"),
     N_("choose from {known}, separated by commas"),
     N_("`build --format` lists the outputs to write, separated by commas: pdf (plan.pdf), docx "
        "(plan.docx), xlsx (schedule.xlsx), html (plan.html), md (plan.md) and csv "
        "(schedule.csv, schedule-long.csv, datapackage.json). Without it, build writes every "
        "format this machine can build. How findings are printed is chosen with --findings."),
     "plancc build plans --format pdf,word\n",
     "plancc build plans --format pdf,docx\n",
     forms={"findings": (None, N_("{format} is how findings are printed: use --findings {format}"))},
     kind=COMMAND)

_add("format-unavailable", ERROR,
     N_("an output format asked for cannot be built on this machine"),
     N_("cannot build {format} here: it needs {need}"),
     N_("install what it needs (README, Set-up), or leave {format} out of --format"),
     N_("PDF, Word and Excel outputs need libraries that a machine may lack: WeasyPrint and "
        "the Pango library for PDF, python-docx for Word, XlsxWriter for Excel (`pip install "
        "'plancc[publish]'`, and Pango from the system's packages). When --format names a "
        "format that cannot be built, nothing is built; without --format, build writes the "
        "formats it can and names the others with what they need."),
     "plancc build plans --format pdf   # WeasyPrint not installed\n",
     "pip install 'plancc[publish]' && plancc build plans --format pdf\n",
     kind=COMMAND)

_add("write-failed", ERROR,
     N_("writing the outputs failed"),
     N_("writing {out} failed: {reason}; nothing was changed: every plan's earlier outputs are "
        "in place, as before this build"),
     N_("free disk space or fix the folder's permissions, then build again"),
     N_("Outputs are written into a staging folder and swapped in only when every plan is "
        "complete; the swap is recorded in a journal and undone when a step fails, so the "
        "outputs of the last build are as they were. If even the undoing fails, the next build "
        "into the same folder finishes it."),
     "plancc build plans -o /mnt/full-disk/build\n",
     "plancc build plans -o build\n",
     forms={"mixed": (N_("writing {out} failed midway ({reason}), and undoing it failed too ({undo}): "
                         "some plans have their new outputs and some their earlier ones"),
                      N_("the next build into {out} finishes undoing it (the record is in {record}); "
                         "fix the cause, then build again"))},
     kind=COMMAND)

_add("bad-output-name", ERROR,
     N_("a renderer produced a file name that is not safe"),
     N_("refusing to write file name {name}"),
     N_("this is a bug in plancc; please report it"),
     N_("Output file names come from plancc itself; one with a slash or a leading dot would "
        "write outside its plan's folder, and is refused."),
     "plancc build plans -o build\n",
     "plancc build plans -o build\n",
     kind=COMMAND)

_add("diff-one-plan", ERROR,
     N_("diff --phases with two plans"),
     N_("--phases compares two phases of ONE plan"),
     N_("give one plan"),
     N_("`plancc diff PLAN --phases A B` compares two phases of one plan (a mid-term review); "
        "two plans are compared without --phases."),
     "plancc diff plans/iizuka/2021 plans/iizuka/later --phases 前期 中期\n",
     "plancc diff plans/iizuka/2021 --phases 前期 中期\n",
     kind=COMMAND)

_add("diff-needs-two", ERROR,
     N_("diff with one plan and no --phases"),
     N_("diff needs two plans, or one plan and --phases"),
     N_("give two plans (OLD NEW), or one plan with --phases A B"),
     N_("diff compares an old and a new plan, or two phases of one plan."),
     "plancc diff plans/iizuka/2021\n",
     "plancc diff plans/toride/4th plans/toride/5th\n",
     kind=COMMAND)

_add("no-such-phase", ERROR,
     N_("diff --phases names a phase the plan does not have"),
     N_("{plan} has no phase '{phase}' (phases: {known})"),
     N_("use the phase names of the plan's plan.yaml"),
     N_("The phases given to --phases are names from the plan's `phases`."),
     "plancc diff plans/iizuka/2021 --phases 前期 終期\n",
     "plancc diff plans/iizuka/2021 --phases 前期 中期\n",
     kind=COMMAND)

_add("diff-not-a-plan", ERROR,
     N_("a side of diff is not a plan folder"),
     N_("{spec}: not a plan folder (no plan.yaml)"),
     N_("give the folder that holds plan.yaml, or REV:PATH to one in git"),
     N_("Each side of diff is one plan edition: a folder holding plan.yaml, or REV:PATH naming "
        "such a folder in a git revision."),
     "plancc diff plans/toride plans/iizuka\n",
     "plancc diff plans/toride/4th plans/toride/5th\n",
     kind=COMMAND)

_add("diff-plan-errors", ERROR,
     N_("a side of diff has errors"),
     N_("{spec} has errors; nothing was compared"),
     N_("fix the errors shown above (plancc validate shows them too), then compare again"),
     N_("Only valid plans are compared: a plan with errors may not mean what it seems to."),
     "plancc diff main:plans/iizuka/2021 plans/iizuka/2021   # the working copy is broken\n",
     "plancc validate plans/iizuka/2021 && plancc diff main:plans/iizuka/2021 plans/iizuka/2021\n",
     kind=COMMAND)

_add("git-failed", ERROR,
     N_("git failed while reading a REV:PATH side"),
     N_("git {command} failed: {detail}"),
     N_("check that you are inside the git repository and that the revision exists"),
     N_("A REV:PATH side of diff is read from git (rev-parse, ls-tree, cat-file) without a "
        "checkout; git reported an error, or could not be run."),
     "cd /tmp && plancc diff main:plans/mini ~/plans/mini     # /tmp is not in a git repository\n",
     "cd ~ && plancc diff main:plans/mini plans/mini\n",
     forms={"run": (N_("git could not run: {detail}"), N_("install git, or compare two plan folders")),
            "quiet": (N_("git {command} failed (exit status {status})"), None)},
     kind=COMMAND)

_add("no-such-revision", ERROR,
     N_("REV in REV:PATH does not name a commit"),
     N_("no commit '{rev}' in this repository"),
     N_("check the name with: git log --oneline -3 REV"),
     N_("git knows no branch, tag or commit of that name in the repository plancc runs in (a "
        "branch that exists only on the remote is origin/NAME)."),
     "plancc diff nosuchrev:plans/mini plans/mini\n",
     "plancc diff HEAD~1:plans/mini plans/mini\n",
     kind=COMMAND)

_add("bad-revision", ERROR,
     N_("REV in REV:PATH is not a revision name"),
     N_("'{rev}' is not a git revision name"),
     N_("use a branch, tag or commit, like main or HEAD~1"),
     N_("The revision is passed to git as an argument, so it may hold only the characters "
        "revision names use; it cannot start with '-'."),
     "plancc diff --output=/tmp/x:plans/mini plans/mini\n",
     "plancc diff main:plans/mini plans/mini\n",
     kind=COMMAND)

_add("bad-repo-path", ERROR,
     N_("PATH in REV:PATH leaves the repository"),
     N_("'{path}' must be a path inside the repository, like plans/iizuka/2021"),
     N_("write the path from the repository's top folder, or ./ for one from here"),
     N_("PATH is relative to the top of the repository (or, starting with ./, to the current "
        "folder); absolute paths and .. are refused."),
     "plancc diff HEAD:../plans plans/mini\n",
     "plancc diff HEAD:plans/mini plans/mini\n",
     kind=COMMAND)

_add("bad-repo-entry", ERROR,
     N_("a git tree holds a name that would lead outside the plan folder"),
     N_("{spec}: the tree holds an entry named '{name}', which would be written outside the plan folder"),
     N_("the commit was crafted or damaged (git itself refuses such names); compare another revision"),
     N_("A side REV:PATH is written into a temporary folder before it is read. A tree made "
        "with git mktree can hold entries named .. or ., which would write files outside that "
        "folder; plancc refuses the side instead, before writing anything."),
     "plancc diff crafted:plans/mini plans/mini\n",
     "plancc diff main:plans/mini plans/mini\n",
     forms={"unwritable": (N_("{spec}: the tree's entry '{name}' cannot be written ({reason})"), None)},
     kind=COMMAND)

_add("no-such-path-at-rev", ERROR,
     N_("PATH did not exist at REV"),
     N_("{spec}: no such path at {rev}"),
     N_("check the path at that revision: git ls-tree {rev} -- PATH"),
     N_("git has no file below that path in that revision: the plan was added later, or moved."),
     "plancc diff HEAD~5:plans/toride/5th plans/toride/5th\n",
     "plancc diff HEAD~1:plans/toride/5th plans/toride/5th\n",
     kind=COMMAND)

_add("report-unwritable", ERROR,
     N_("the diff report cannot be written"),
     N_("cannot write {path}: {reason}"),
     N_("check that the folder exists and is writable"),
     N_("diff --output names a file that cannot be created or written."),
     "plancc diff plans/toride/4th plans/toride/5th -f html -o /no/such/folder/taisho.html\n",
     "plancc diff plans/toride/4th plans/toride/5th -f html -o taisho.html\n",
     kind=COMMAND)

_add("bad-labels", ERROR,
     N_("diff --labels is not two labels"),
     N_("--labels '{labels}' is not two column labels"),
     N_("give the new column's label, a comma and the old one's: --labels 改正案,現行"),
     N_("`--labels` names the two columns of the 新旧対照表, the new side's first; plan.yaml's "
        "`taisho:` (its `new` and `old`) does the same for every run."),
     "plancc diff plans/toride/4th plans/toride/5th -f html --labels 改正案\n",
     "plancc diff plans/toride/4th plans/toride/5th -f html --labels 改正案,現行\n",
     kind=COMMAND)

_add("docx-needs-output", ERROR,
     N_("a Word file asked for on a terminal"),
     N_("-f docx writes a Word file: name it with -o"),
     N_("add -o 新旧対照表.docx"),
     N_("A Word file is binary; written to a terminal it would only garble the screen. Name the file "
        "with `-o`, or redirect standard output to a file."),
     "plancc diff plans/toride/4th plans/toride/5th -f docx\n",
     "plancc diff plans/toride/4th plans/toride/5th -f docx -o 新旧対照表.docx\n",
     kind=COMMAND)

_add("output-failed", ERROR,
     N_("standard output cannot be written"),
     N_("cannot write to standard output: {reason}"),
     N_("free space on the device the output goes to, or write the report elsewhere"),
     N_("plancc's report (validate --format json, diff, schema, explain) could not be written "
        "to standard output: the device is full or the output was closed. What was printed "
        "before is incomplete."),
     "plancc validate --format json > /dev/full\n",
     "plancc validate --format json > report.json\n",
     kind=COMMAND)

_add("unknown-code", ERROR,
     N_("plancc explain was given a code that does not exist"),
     N_("unknown code '{code}'"),
     N_("plancc explain with no code lists every code"),
     N_("`plancc explain CODE` explains one finding code or command error; the code is the word "
        "in brackets after error or warning."),
     "plancc explain unknown-keys\n",
     "plancc explain unknown-key\n",
     forms={"close": (None, N_("did you mean '{close}'?"))},
     kind=COMMAND)

# ---------------------------------------------------------------- init, new-edition, serve, schema --write

_add("init-not-empty", ERROR,
     N_("init was given a folder that already holds files"),
     N_("{path}: is not empty ({shown})"),
     N_("give a new or empty folder (a clone of an empty repository, holding only .git, is fine)"),
     N_("`plancc init DIR` starts a new repository for a city's plan and never writes over "
        "files that are already there. Create the repository on GitHub without a README, "
        "clone it, and run init inside it, or give a folder that does not exist yet."),
     "plancc init . --city 架空市      # in a folder that holds a README.md\n",
     "plancc init kakuu-keikaku --city 架空市\n",
     kind=COMMAND)

_add("init-not-folder", ERROR,
     N_("init was given a file"),
     N_("{path}: exists and is not a folder"),
     N_("give a new or empty folder"),
     N_("`plancc init DIR` writes a repository into the folder DIR; DIR names a file."),
     "plancc init README.md --city 架空市\n",
     "plancc init kakuu-keikaku --city 架空市\n",
     kind=COMMAND)

_add("init-bad-option", ERROR,
     N_("an option of init has a value init cannot use"),
     N_("{option} {value}: not a value init can use"),
     N_("--city is the city's name, --start a fiscal year like 2026, --years 2 to 20, "
        "--adopted a date like 2026-03"),
     N_("init writes the options into plan.yaml, where they must be valid: the city's name is "
        "not empty, the period starts in a fiscal year written in full and lasts 2 to 20 years, "
        "and an adoption date is written YYYY-MM or YYYY-MM-DD."),
     "plancc init kakuu --city 架空市 --start 26\n",
     "plancc init kakuu --city 架空市 --start 2026\n",
     kind=COMMAND)

_add("kit-write-failed", ERROR,
     N_("a file of the new repository or edition cannot be written"),
     N_("cannot write {path}: {reason}"),
     N_("check that the folder is writable and the disk is not full"),
     N_("init, new-edition and schema --write create folders and files; the system refused one."),
     "plancc init /usr/share/kakuu --city 架空市\n",
     "plancc init ~/kakuu --city 架空市\n",
     kind=COMMAND)

_add("edition-not-a-plan", ERROR,
     N_("new-edition was given an OLD that is not a plan folder"),
     N_("{path}: not a plan folder (no plan.yaml)"),
     N_("give the folder of the current edition, the one that holds plan.yaml"),
     N_("`plancc new-edition OLD NEW` copies the edition in OLD (a folder holding plan.yaml) "
        "into NEW and moves it on to the next period."),
     "plancc new-edition plans plans/2031\n",
     "plancc new-edition plans/2026 plans/2031\n",
     kind=COMMAND)

_add("edition-exists", ERROR,
     N_("new-edition was given a NEW that already holds files"),
     N_("{path}: already exists and is not empty"),
     N_("give a folder that does not exist yet, such as plans/{next}"),
     N_("new-edition writes the next edition into a new folder beside the current one and "
        "never writes over an edition that is already there."),
     "plancc new-edition plans/2026 plans/2026\n",
     "plancc new-edition plans/2026 plans/2031\n",
     kind=COMMAND)

_add("edition-inside", ERROR,
     N_("new-edition was given a NEW inside OLD, or OLD inside NEW"),
     N_("{new}: lies inside {old}, or holds it"),
     N_("put the new edition beside the current one, such as plans/{next}"),
     N_("The new edition is a copy of the current one; a copy inside itself would never end, "
        "and a plan folder inside another is read as part of it."),
     "plancc new-edition plans/2026 plans/2026/next\n",
     "plancc new-edition plans/2026 plans/2031\n",
     kind=COMMAND)

_add("edition-has-errors", ERROR,
     N_("the current edition has errors, so new-edition cannot start from it"),
     N_("{path} has errors; nothing was written"),
     N_("fix the errors shown above (plancc validate shows them too), then run new-edition again"),
     N_("new-edition moves dates and years of a valid plan; with errors it cannot tell what "
        "they mean. Warnings do not stop it."),
     "plancc new-edition plans/2026 plans/2031     # plans/2026 has an error\n",
     "plancc validate plans/2026 && plancc new-edition plans/2026 plans/2031\n",
     kind=COMMAND)

_add("serve-no-plan", ERROR,
     N_("serve found no plan to preview"),
     N_("{path}: holds no plan folder (no plan.yaml)"),
     N_("run serve in the repository (it previews plans/), or give a plan folder"),
     N_("`plancc serve [PATH]` previews every plan folder at or below PATH (default: plans)."),
     "plancc serve docs\n",
     "plancc serve plans/2026\n",
     kind=COMMAND)

_add("serve-port-busy", ERROR,
     N_("the port given to serve is in use"),
     N_("port {port} on 127.0.0.1 cannot be used: {reason}"),
     N_("stop the other program, or choose another port (--port 8001); without --port, serve "
        "finds a free one"),
     N_("serve listens on 127.0.0.1 only (this computer), on the port given with --port, or "
        "else the first free one from 8000."),
     "plancc serve --port 80\n",
     "plancc serve --port 8001\n",
     kind=COMMAND)
