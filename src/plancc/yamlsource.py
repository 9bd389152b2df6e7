"""Read one YAML file into plain Python data, remembering where every node stood.

Plain scalars stay the text the author typed (YAML 1.1/1.2 type guessing turns `1.10`
into 1.1 and `no` into False); the pydantic model decides which fields are numbers.
The YAML nodes are kept beside the data, so any later stage can ask for the line and
column of a path (the tuple of keys and indices leading to a value).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .findings import Finding

Path_ = tuple  # a path into the data: keys (str) and indices (int)

# Bounds that keep a hostile or broken file from costing unbounded time and memory.
MAX_NODES = 200_000
MAX_ALIAS_EXPANSION = 10_000
MAX_DEPTH = 64
MAX_BYTES = 8 * 1024 * 1024
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

    def at(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the node at `path` (of its key, with key=True), or of
        its nearest ancestor."""
        node, key_node = self.root, None
        if node is None:
            return 1, 1
        for part in path:
            key_node = None
            if isinstance(node, MappingNode) and isinstance(part, str):
                # the first of duplicate keys is the one the data holds
                hit = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == part), None)
                if hit is None:
                    break
                key_node, node = hit
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                break
        return _pos(key_node if key and key_node is not None else node)

    def finding(self, path: Path_, code: str, message: str, hint: str | None = None,
                *, key: bool = False, severity: str = "error", width: int = 0) -> Finding:
        line, col = self.at(path, key=key)
        if not width:
            width = self._token_width(line, col)
        return Finding(self.path, line, col, severity, code, message, hint, width)

    def _token_width(self, line: int, col: int) -> int:
        if not (1 <= line <= len(self.lines)):
            return 1
        rest = self.lines[line - 1][col - 1:]
        # underline a key up to its colon, a scalar to the end of the line
        end = rest.find(": ") if ": " in rest else len(rest.rstrip())
        if rest.rstrip().endswith(":") and end == len(rest.rstrip()):
            end -= 1
        return max(1, min(end, 60))


def _pos(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


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
        return text, [Finding(path, 1, 1, "warning", "utf8-bom",
                              "file starts with a UTF-8 byte order mark",
                              "save the file as UTF-8 without BOM; plancc ignores the mark")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        looks = _guess_encoding(raw)
        msg = "file is not UTF-8" + (f"; it looks like {looks}" if looks else "")
        hint = "plan files must be UTF-8: re-save it as UTF-8"
        if looks:
            enc = looks.split(" ")[0].upper().replace("_", "-")
            hint += f", e.g. `iconv -f {enc} -t UTF-8 FILE`"
        return None, [Finding(path, line, col, "error", "not-utf8", msg, hint)]


class _Builder:
    """YAML nodes → plain data, refusing what plan files must not hold."""

    def __init__(self, src: SourceFile, text: str):
        self.src = src
        self.nodes = 0
        self.expanded = 0
        # only an anchored node can be reached twice; without '&' there is none to watch
        self.watch_aliases = "&" in text
        self.watch_tags = "!" in text
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.findings: list[Finding] = []

    def build(self, node, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(node, "too-large", f"file has more than {MAX_NODES} YAML nodes",
                           "split the file or remove repeated content")
        if depth > MAX_DEPTH:
            raise _Refused(node, "too-deep", f"nesting deeper than {MAX_DEPTH} levels",
                           "plans never need this depth; check the indentation")
        # a tag is typed with '!'; in a file without one, every node has its kind's default
        tag = (node.tag or "") if self.watch_tags else ""
        if tag.startswith("!") and not tag.startswith("tag:yaml.org,2002:"):
            line, col = _pos(node)
            self.findings.append(Finding(self.src.path, line, col, "error", "yaml-tag",
                                         f"unsupported YAML tag {tag}",
                                         "remove the tag; plan files use plain YAML",
                                         self.src._token_width(line, col)))
        if isinstance(node, ScalarNode):
            if not node.style and node.value in NULLS and not tag.startswith("!"):
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
                        raise _Refused(knode, "yaml-key", "a mapping key must be plain text",
                                       "use a plain word as the key")
                    key = knode.value
                    if key == "<<" and not knode.style:
                        raise _Refused(knode, "yaml-merge", "merge keys (<<) are not supported",
                                       "write the keys out")
                    if key in first_keys:
                        self.findings.append(Finding(
                            self.src.path, *_pos(knode), "error", "duplicate-key",
                            f"duplicate key '{key}' (first at line {_pos(first_keys[key])[0]})",
                            "remove one of them; YAML would silently keep only the last",
                            max(1, len(key))))
                        continue
                    first_keys[key] = knode
                    out[key] = self.build(vnode, depth + 1)
                return out
        finally:
            if self.watch_aliases:
                self.active.discard(id(node))
        return None

    def _enter(self, node) -> None:
        if id(node) in self.active:
            raise _Refused(node, "alias-cycle", "an alias refers to the node that contains it",
                           "remove the recursive alias")
        if id(node) in self.seen:
            self.expanded += 1
            if self.expanded > MAX_ALIAS_EXPANSION:
                raise _Refused(node, "alias-bomb",
                               f"aliases expand to more than {MAX_ALIAS_EXPANSION} copies",
                               "write the content out instead of nesting aliases")
        self.seen.add(id(node))
        self.active.add(id(node))


class _Refused(Exception):
    def __init__(self, node, code: str, message: str, hint: str):
        super().__init__(message)
        self.node, self.code, self.message, self.hint = node, code, message, hint


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
    def _compose(text: str):
        return YAML(typ="safe", pure=True).compose(text)


def read(path: Path | str, display: str | None = None) -> tuple[SourceFile | None, list[Finding]]:
    """Read and compose one YAML file. Returns the source (None when unreadable) and findings."""
    shown = display or str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return None, [Finding(shown, 1, 1, "error", "unreadable", f"cannot read file: {exc.strerror}",
                              "check the path and its permissions")]
    if len(raw) > MAX_BYTES:
        return None, [Finding(shown, 1, 1, "error", "too-large",
                              f"file is {len(raw) // 1024} KiB; the limit is {MAX_BYTES // 1024 // 1024} MiB",
                              "split the file")]
    text, findings = decode(shown, raw)
    if text is None:
        return None, findings
    src = SourceFile(shown, text.splitlines())
    for n, line in enumerate(src.lines, 1):
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
            findings.append(Finding(shown, n, line.index("\t") + 1, "error", "yaml-tab",
                                    "tab character in indentation",
                                    "indent with spaces; YAML does not allow tabs here"))
            return None, findings
    try:
        node = _compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        ctx = f" ({exc.context.strip()})" if exc.context and exc.problem else ""
        if exc.context and "flow" in exc.context and exc.context_mark is not None:
            # an unclosed [ or { is noticed lines later; point at the bracket that is open
            mark = exc.context_mark
            problem, ctx = f"this {'[' if 'sequence' in exc.context else '{'} is never closed", f" ({problem})"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        findings.append(Finding(shown, line, col, "error", "yaml-syntax", f"YAML syntax error: {problem}{ctx}",
                                _syntax_hint(problem)))
        return None, findings
    except RecursionError:
        findings.append(Finding(shown, 1, 1, "error", "too-deep", f"nesting deeper than {MAX_DEPTH} levels",
                                "plans never need this depth; check the brackets and indentation"))
        return None, findings
    except YAMLError as exc:
        findings.append(Finding(shown, 1, 1, "error", "yaml-syntax", f"YAML could not be read: {exc}".strip(),
                                "check the file's structure"))
        return None, findings
    if node is None:
        findings.append(Finding(shown, 1, 1, "error", "empty-file", "file is empty",
                                "write the content, or delete the file"))
        return None, findings
    builder = _Builder(src, text)
    try:
        src.data = builder.build(node, 0)
        src.root = node
    except _Refused as r:
        findings.append(Finding(shown, *_pos(r.node), "error", r.code, r.message, r.hint))
        return None, findings
    except RecursionError:
        findings.append(Finding(shown, 1, 1, "error", "too-deep", "nesting too deep", "check the indentation"))
        return None, findings
    findings.extend(builder.findings)
    return src, findings


def _syntax_hint(problem: str) -> str:
    p = problem.lower()
    if "never closed" in p:
        return "close it with ] or } on the same value, or quote text that contains [ or {"
    if "mapping values are not allowed" in p:
        return "a ': ' inside text starts a new key; quote the text with \"…\""
    if "found character '\\t'" in p or "tab" in p:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in p or "expected <block end>" in p:
        return "check the indentation of this line and the one above"
    if "found undefined alias" in p:
        return "define the anchor (&name) before using the alias (*name)"
    if "found character that cannot start any token" in p:
        return "quote text that starts with @, ` or %"
    return "check the YAML at this spot; quoting the text often helps"
