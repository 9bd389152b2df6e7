"""Read one YAML file into plain Python data, remembering where every node stood.

Plain scalars stay the text the author typed (YAML 1.1/1.2 type guessing turns `1.10`
into 1.1 and `no` into False); the pydantic model decides which fields are numbers.
The YAML nodes are kept beside the data, so any later stage can ask for the line and
column of a path (the tuple of keys and indices leading to a value).
"""

from __future__ import annotations

import bisect
import codecs
import os
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import ime
from .findings import Finding
from .paths import Refused, read_regular

Path_ = tuple  # a path into the data: keys (str) and indices (int)

# Bounds that keep a hostile or broken file from costing unbounded time and memory.
MAX_NODES = 200_000
MAX_ALIAS_EXPANSION = 10_000
MAX_DEPTH = 64
MAX_BYTES = 8 * 1024 * 1024
# What aliases may expand a file to, in bytes of text (keys and scalars, every copy
# counted): a file without aliases holds at most MAX_BYTES, so only aliases reach this.
MAX_EXPANDED_BYTES = 2 * MAX_BYTES
# libyaml's composer recurses in C, one call per nesting level, and overflows the C stack
# (a segmentation fault) somewhere past 25,000 levels. A file whose nesting cannot reach
# this bound is composed at once; any other is first walked event by event (no recursion)
# and refused at the first level past MAX_DEPTH.
SAFE_COMPOSE_DEPTH = 2_000
# what libyaml refuses anywhere in a file (YAML's non-printable characters)
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
# the only tags a plan file may carry: each kind's own (`!!str 1.10` is plain text)
_PLAIN_TAGS = {ScalarNode: "tag:yaml.org,2002:str", SequenceNode: "tag:yaml.org,2002:seq",
               MappingNode: "tag:yaml.org,2002:map"}
NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass
class SourceFile:
    """A YAML file as read: its text lines, its data and the YAML nodes it came from.

    Positions are looked up in the nodes only when a finding needs one, so a clean file
    costs nothing for them.
    """

    path: str
    lines: list[str]
    data: Any = None
    root: Node | None = None
    # the length of each line's break when some are not a bare \n (\r\n, \r); None: all are
    breaks: list[int] | None = None
    _starts: list[int] | None = None
    _keys: dict | None = None

    def pos(self, mark) -> tuple[int, int]:
        """1-based (line, col) of a YAML mark, in characters, lines broken only by \n,
        \r\n or \r as editors break them. (libyaml's own line numbers count NEL and
        U+2028/U+2029 as breaks too; its character index is exact.)"""
        if self._starts is None:
            lens = ((len(s) + (1 if self.breaks is None or i >= len(self.breaks) else self.breaks[i]))
                    for i, s in enumerate(self.lines))
            self._starts = [0, *itertools.accumulate(lens)]
        index = mark.index
        line = max(1, bisect.bisect_right(self._starts, index))
        return line, index - self._starts[line - 1] + 1

    def _key_index(self, node: MappingNode) -> dict:
        """A mapping node's keys → (key node, value node), the first of duplicate keys
        (the one the data holds); made once per mapping, when a finding first asks."""
        if self._keys is None:
            self._keys = {}
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for k, v in node.value:
                if isinstance(k, ScalarNode):
                    index.setdefault(k.value, (k, v))
            self._keys[id(node)] = index
        return index

    def at(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the node at `path` (of its key, with key=True), or of
        its nearest ancestor."""
        node = self._node(path, key)
        return self.pos(node.start_mark) if node is not None else (1, 1)

    def _node(self, path: Path_, key: bool):
        node, key_node = self.root, None
        if node is None:
            return None
        for part in path:
            key_node = None
            if isinstance(node, MappingNode) and isinstance(part, str):
                hit = self._key_index(node).get(part)
                if hit is None:
                    break
                key_node, node = hit
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                break
        return key_node if key and key_node is not None else node

    def finding(self, path: Path_, code: str, /, *, key: bool = False, severity: str | None = None,
                width: int = 0, **params) -> Finding:
        """A finding of `code` at `path`, its templates filled from `params`."""
        node = self._node(path, key)
        line, col = self.pos(node.start_mark) if node is not None else (1, 1)
        if not width:
            width = self._scalar_width(node) or self._token_width(line, col)
        return Finding.new(self.path, line, col, code, width=width, severity=severity, **params)

    @staticmethod
    def _scalar_width(node) -> int:
        """Characters a scalar written on one line takes (quotes included), or 0."""
        if isinstance(node, ScalarNode) and node.end_mark is not None and node.start_mark.line == node.end_mark.line:
            return max(0, min(node.end_mark.column - node.start_mark.column, 60))
        return 0

    def _token_width(self, line: int, col: int) -> int:
        if not (1 <= line <= len(self.lines)):
            return 1
        rest = self.lines[line - 1][col - 1:]
        # underline a key up to its colon, a scalar to the end of the line
        end = rest.find(": ") if ": " in rest else len(rest.rstrip())
        if rest.rstrip().endswith(":") and end == len(rest.rstrip()):
            end -= 1
        return max(1, min(end, 60))


def split_lines(text: str) -> tuple[list[str], list[int] | None]:
    """The lines of `text` as an editor shows them (broken at \n, \r\n and \r only;
    NEL, U+2028 and form feeds stay inside their line), and the breaks' lengths when
    some are not \n (see SourceFile.breaks)."""
    if "\r" not in text:
        lines, breaks = text.split("\n"), None
    else:
        parts = re.split("(\r\n|\r|\n)", text)
        lines, breaks = parts[0::2], [len(b) for b in parts[1::2]]
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # the text ends with a line break
    return lines, breaks


def _guess_encoding(raw: bytes) -> str | None:
    for name, label in (("utf-16", "UTF-16"), ("shift_jis", "Shift_JIS"),
                        ("cp932", "Shift_JIS (CP932)"), ("euc_jp", "EUC-JP"),
                        ("iso2022_jp", "ISO-2022-JP")):
        if name == "utf-16" and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            continue
        try:
            raw.decode(name)
            return label
        except UnicodeDecodeError:
            continue
    return None


def decode(path: str, raw: bytes) -> tuple[str | None, list[Finding]]:
    """Bytes → text, or a located finding saying which encoding the file looks like."""
    if raw.startswith(codecs.BOM_UTF8):
        text = raw[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
        return text, [Finding.new(path, 1, 1, "utf8-bom")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        # the column in characters, as an editor shows it, not in bytes
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1:exc.start].decode("utf-8", errors="replace")) + 1
        looks = _guess_encoding(raw)
        if not looks:
            return None, [Finding.new(path, line, col, "not-utf8")]
        if looks.startswith("Shift_JIS"):  # what Windows editors save by default: say how to re-save
            return None, [Finding.new(path, line, col, "shift-jis", encoding=looks)]
        return None, [Finding.new(path, line, col, "not-utf8", form="looks", encoding=looks,
                                  iconv=looks.split(" ")[0].upper().replace("_", "-"))]


class _Builder:
    """YAML nodes → plain data, refusing what plan files must not hold."""

    def __init__(self, src: SourceFile, text: str):
        self.src = src
        self.nodes = 0
        self.expanded = 0
        self.text_bytes = 0  # of every key and scalar built, each copy an alias makes counted
        # only an anchored node can be reached twice; without '&' there is none to watch
        self.watch_aliases = "&" in text
        self.watch_tags = "!" in text
        # a key typed with the IME on (a full-width space or colon in it) is a syntax mistake
        self.watch_ime = ime.FW_SPACE in text or ime.FW_COLON in text
        self.broken = False
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.findings: list[Finding] = []

    def build(self, node, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(node, "too-large", form="nodes", limit=MAX_NODES)
        if depth > MAX_DEPTH:
            raise _Refused(node, "too-deep", limit=MAX_DEPTH)
        # a tag is typed with '!'; in a file without one, every node has its kind's default.
        # Any other tag is refused, whatever handle wrote it: !local, !!python/…, !!binary,
        # a verbatim !<tag:…> or one made with a %TAG directive.
        tag = str(node.tag or "") if self.watch_tags else ""
        odd = bool(tag) and tag != _PLAIN_TAGS.get(type(node))
        if odd:
            line, col = self.src.pos(node.start_mark)
            shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
            self.findings.append(Finding.new(self.src.path, line, col, "yaml-tag",
                                             width=self.src._token_width(line, col), tag=shown))
        if isinstance(node, ScalarNode):
            if self.watch_aliases:
                self._count(node, node.value)
            if not node.style and node.value in NULLS and not odd:
                return None
            return node.value
        if self.watch_aliases:
            self._enter(node)
        try:
            if isinstance(node, SequenceNode):
                return [self.build(item, depth + 1) for item in node.value]
            if isinstance(node, MappingNode):
                out: dict[str, Any] = {}
                first_keys = {}
                for knode, vnode in node.value:
                    if not isinstance(knode, ScalarNode):
                        raise _Refused(knode, "yaml-key")
                    key = knode.value
                    if self.watch_aliases:
                        self._count(knode, key)
                    if key == "<<" and not knode.style:
                        raise _Refused(knode, "yaml-merge")
                    if self.watch_ime and not knode.style:
                        self._ime_key(knode, vnode)
                    if key in first_keys:
                        line, col = self.src.pos(knode.start_mark)
                        self.findings.append(Finding.new(
                            self.src.path, line, col, "duplicate-key", width=max(1, len(key)),
                            name=key, first=self.src.pos(first_keys[key].start_mark)[0]))
                        continue
                    first_keys[key] = knode
                    out[key] = self.build(vnode, depth + 1)
                return out
        finally:
            if self.watch_aliases:
                self.active.discard(id(node))
        return None

    def _ime_key(self, knode, vnode) -> None:
        null = isinstance(vnode, ScalarNode) and not vnode.style and vnode.value == ""
        slip = ime.key_slip(knode.value, null)
        if slip is not None:
            code, offset, width, params = slip
            line, col = self.src.pos(knode.start_mark)
            self.findings.append(Finding.new(self.src.path, line, col + offset, code, width=width, **dict(params)))
            self.broken = True

    def _count(self, node, text: str) -> None:
        self.text_bytes += len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
        if self.text_bytes > MAX_EXPANDED_BYTES:
            raise _Refused(node, "alias-bomb", form="bytes", mib=MAX_EXPANDED_BYTES // 1024 // 1024)

    def _enter(self, node) -> None:
        if id(node) in self.active:
            raise _Refused(node, "alias-cycle")
        if id(node) in self.seen:
            self.expanded += 1
            if self.expanded > MAX_ALIAS_EXPANSION:
                raise _Refused(node, "alias-bomb", limit=MAX_ALIAS_EXPANSION)
        self.seen.add(id(node))
        self.active.add(id(node))


class _Refused(Exception):
    def __init__(self, node, code: str, **params):
        super().__init__(code)
        self.node, self.code, self.params = node, code, params


try:  # libyaml through ruamel.yaml.clib: composing in C is many times faster than in Python
    from ruamel.yaml import CBaseLoader
    from ruamel.yaml.resolver import BaseResolver

    class _TextLoader(CBaseLoader):
        """ruamel.yaml's C base loader: libyaml composes, and no scalar is resolved to
        another type (the base resolver has no implicit resolvers to try)."""

        _DEFAULT = {ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG, SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
                    MappingNode: BaseResolver.DEFAULT_MAPPING_TAG}

        # Every scalar is text until the model says otherwise, so an untagged node gets the
        # default tag of its kind straight away (one shared Tag object per kind), without the
        # base resolver's lookups of implicit and path resolvers that can never match.
        def resolve(self, kind, value, implicit):
            return self._DEFAULT[kind]

    def _compose(text: str):
        loader = _TextLoader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
            # The loader is its own parser, composer, constructor and resolver: it refers
            # to itself through its attributes, and such a cycle (holding libyaml's buffers)
            # would wait for the cycle collector, which runs seldom. Without them it is
            # freed as soon as it is dropped.
            loader.__dict__.clear()
except ImportError:  # pragma: no cover - a Python without the C extension
    _TextLoader = None  # the pure composer recurses in Python: a RecursionError, not a crash

    def _compose(text: str):
        return YAML(typ="safe", pure=True).compose(text)


def read(path: Path | str, display: str | None = None, within: Path | str | None = None
         ) -> tuple[SourceFile | None, list[Finding]]:
    """Read and compose one YAML file. Returns the source (None when unreadable) and findings.

    Only a regular file is read, and a symbolic link only when it leads inside `within`
    (the plan folder; by default the file's own folder): anything else is a finding at
    the file, found before a byte is read (paths.read_regular).
    """
    shown = display or str(path)
    try:
        raw = read_regular(path, Path(path).parent if within is None else within, MAX_BYTES)
    except Refused as r:
        return None, [refusal(shown, r)]
    except OSError as exc:
        return None, [Finding.new(shown, 1, 1, "unreadable", reason=exc.strerror or str(exc))]
    if len(raw) > MAX_BYTES:
        try:
            size = os.stat(path).st_size
        except OSError:
            size = len(raw)
        return None, [Finding.new(shown, 1, 1, "too-large", kib=size // 1024, mib=MAX_BYTES // 1024 // 1024)]
    text, findings = decode(shown, raw)
    if text is None:
        return None, findings
    lines, breaks = split_lines(text)
    src = SourceFile(shown, lines, breaks=breaks)
    if "\t" in text:
        for n, line in enumerate(lines, 1):
            if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
                findings.append(Finding.new(shown, n, line.index("\t") + 1, "yaml-tab"))
                return None, findings
    try:
        deep = None
        if not _shallow(text, lines):
            deep = _too_deep_at(text)
        node = None if deep else _compose(text)
    except MarkedYAMLError as exc:
        # the problem is the YAML library's own words, in English
        mark = exc.problem_mark or exc.context_mark
        slips, repaired = _diagnose(src.lines, mark.line if mark else 0)
        if slips:  # what the IME typed, or a quote left open, and not the spot where YAML gave up
            findings.extend(Finding.new(shown, s.line + 1, s.col + 1, s.code, width=s.width, **dict(s.params))
                            for s in slips)
            if repaired is not None:  # with those put right it reads: what else does it hold?
                # positions count characters of the text parsed: the repaired one
                lines, breaks = split_lines(repaired)
                findings.extend(_builder_findings(SourceFile(shown, lines, breaks=breaks), repaired))
            return None, findings
        if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
            # the quote is open to the end of the file: point at the quote, not past the end
            at = exc.context_mark
            s = ime.unclosed_quote(at.line, at.column, src.lines[at.line] if at.line < len(src.lines) else '"')
            findings.append(Finding.new(shown, at.line + 1, at.column + 1, s.code, **dict(s.params)))
            return None, findings
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        form = _syntax_hint(problem)
        if exc.context and exc.problem:
            problem += f" ({exc.context.strip()})"
        line, col = src.pos(mark) if mark else (1, 1)
        if exc.context and "flow" in exc.context and exc.context_mark is not None:
            # an unclosed [ or { is noticed lines later; point at the bracket that is open
            line, col = src.pos(exc.context_mark)
            findings.append(Finding.new(shown, line, col, "yaml-syntax", form="unclosed",
                                        bracket="[" if "sequence" in exc.context else "{",
                                        problem=exc.problem.strip() if exc.problem else exc.context.strip()))
        else:
            findings.append(Finding.new(shown, line, col, "yaml-syntax", form=form, problem=problem))
        return None, findings
    except RecursionError:
        findings.append(Finding.new(shown, 1, 1, "too-deep", limit=MAX_DEPTH))
        return None, findings
    except YAMLError as exc:
        bad = _FORBIDDEN.search(text)
        if bad:  # libyaml says where only as a position in the text
            line, col = src.pos(_Mark(bad.start()))
            findings.append(Finding.new(shown, line, col, "bad-character", char=f"U+{ord(bad[0]):04X}"))
        else:
            findings.append(Finding.new(shown, 1, 1, "yaml-syntax", form="unreadable", problem=str(exc).strip()))
        return None, findings
    if deep is not None:
        line, col = src.pos(deep)
        findings.append(Finding.new(shown, line, col, "too-deep", limit=MAX_DEPTH))
        return None, findings
    if node is None:
        findings.append(Finding.new(shown, 1, 1, "empty-file"))
        return None, findings
    builder = _Builder(src, text)
    try:
        src.data = builder.build(node, 0)
        src.root = node
    except _Refused as r:
        line, col = src.pos(r.node.start_mark)
        findings.append(Finding.new(shown, line, col, r.code, **r.params))
        return None, findings
    except RecursionError:
        findings.append(Finding.new(shown, 1, 1, "too-deep", limit=MAX_DEPTH))
        return None, findings
    findings.extend(builder.findings)
    if builder.broken:
        return None, findings
    return src, findings


# a broken file is parsed again for each repair tried; these bound what that may cost
DIAGNOSE_PARSES = 60
DIAGNOSE_BYTES = 1024 * 1024


def _error_line(text: str) -> int | None:
    """The 0-based line where YAML gives up on `text`, or None when it reads it."""
    try:
        _compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark.line if mark else -1
    except (YAMLError, RecursionError):
        return -1
    return None


def _diagnose(lines: list[str], error_line: int) -> tuple[list[ime.Slip], str | None]:
    """The IME characters (and open quotes) that broke a file YAML cannot read: the
    repairs which, made one after another, carry the parser past where it stopped, and
    the repaired text when it then reads to the end. Each is tried nearest to the failure
    first; a repair that does not help is not reported, so harmless full-width text in
    the file never is."""
    if sum(len(x) for x in lines) > DIAGNOSE_BYTES:
        return [], None
    slips = sorted(ime.syntax_slips(lines), key=lambda s: (s.line, s.col))
    chosen: list[ime.Slip] = []
    edits: list = []
    budget = DIAGNOSE_PARSES
    while True:
        hit = None
        for s in reversed([s for s in slips if s.line <= error_line and s not in chosen]):
            for repair in s.repairs:
                budget -= 1
                if budget < 0:
                    return chosen, None
                text = ime.apply(lines, edits + list(repair))
                if text is None:
                    continue
                after = _error_line(text)
                if after is None or after > error_line:
                    hit = (s, repair, after, text)
                    break
            if hit:
                break
        if hit is None:
            return chosen, None
        chosen.append(hit[0])
        edits.extend(hit[1])
        if hit[2] is None:
            return chosen, hit[3]
        error_line = hit[2]


def _builder_findings(src: SourceFile, text: str) -> list[Finding]:
    """The findings of building `text`'s data (keys typed with the IME on, duplicate keys …)."""
    builder = _Builder(src, text)
    try:
        builder.build(_compose(text), 0)
    except (_Refused, RecursionError, YAMLError):
        pass
    return builder.findings


def refusal(shown: str, r: Refused) -> Finding:
    """The finding for a plan file that is not a regular file inside its plan folder."""
    if r.kind in ("outside", "dangling"):
        return Finding.new(shown, 1, 1, "not-a-file", form=r.kind, target=r.target)
    if r.kind == "link":  # replaced by a link while it was being read
        return Finding.new(shown, 1, 1, "not-a-file", form="outside", target=r.target or "?")
    if r.kind == "folder":
        return Finding.new(shown, 1, 1, "not-a-file")
    if r.kind == "fifo":
        return Finding.new(shown, 1, 1, "not-a-file", form="fifo")
    if r.kind == "device":
        return Finding.new(shown, 1, 1, "not-a-file", form="device")
    if r.kind == "socket":
        return Finding.new(shown, 1, 1, "not-a-file", form="socket")
    return Finding.new(shown, 1, 1, "not-a-file", form="other")


def source_lines(path: str) -> list[str] | None:
    """The lines of a plan file a finding points into, read again to show them: a regular
    file only (no symbolic link is followed), split as positions count them."""
    try:
        raw = read_regular(path, None, MAX_BYTES)
    except (Refused, OSError):
        return None
    if len(raw) > MAX_BYTES:
        return None
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    return split_lines(raw.decode("utf-8", errors="replace"))[0]


_PREFIX = " \t-?:"


class _Mark:
    def __init__(self, index: int):
        self.index = index


def _shallow(text: str, lines: list[str]) -> bool:
    """Whether the nesting of `text` surely stays below SAFE_COMPOSE_DEPTH, judged without
    parsing. Each flow collection opens with [ or {; a block collection starts at the end
    of its line's run of indentation and - ? : indicators, nested ones further right
    (a list under a key may start at the key's column: two levels per column at most)."""
    if "\x85" in text or "\u2028" in text or "\u2029" in text:  # line breaks to libyaml, not to lines
        return False
    flow = text.count("[") + text.count("{")
    room = (SAFE_COMPOSE_DEPTH - flow) // 2 - 1  # the longest run of indicators that is safe
    if room <= 0:
        return False
    if max(map(len, lines), default=0) < room:  # no line is that long: nothing to count
        return True
    prefix = max((len(s) - len(s.lstrip(_PREFIX)) for s in lines if len(s) >= room), default=0)
    return prefix < room


try:
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, StreamEndEvent
except ImportError:  # pragma: no cover
    CollectionStartEvent = CollectionEndEvent = StreamEndEvent = ()


def _too_deep_at(text: str):
    """The mark of the first collection nested deeper than MAX_DEPTH, or None; found by
    reading the file event by event, which does not recurse."""
    if _TextLoader is None:  # pragma: no cover
        return None
    loader = _TextLoader(text)
    try:
        depth = 0
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, StreamEndEvent):
                return None
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    return event.start_mark
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()
        loader.__dict__.clear()


def _syntax_hint(problem: str) -> str | None:
    """The yaml-syntax form whose hint fits the YAML library's description of the problem
    (its words are all there is to go by); None for the general hint."""
    p = problem.lower()
    if "mapping values are not allowed" in p:
        return "mapping-value"
    if "found character '\\t'" in p or "tab" in p:
        return "tab"
    if "could not find expected ':'" in p or "expected <block end>" in p:
        return "indentation"
    if "found undefined alias" in p:
        return "alias"
    if "found character that cannot start any token" in p:
        return "token"
    return None
