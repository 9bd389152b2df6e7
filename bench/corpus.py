"""A synthetic corpus of plan folders for the benchmark, derived from the bundled plans.

    python bench/corpus.py OUT [--count 1741] [--seed 0] [--jobs N]
    python bench/corpus.py OUT --series 1,2,4,8

The first form writes OUT/<NNNN>-<slug>/, one complete plan folder per synthetic
municipality (1,741 by default: the national index target). Plan i is derived from the
bundled edition i mod 5 (plans/iizuka/2021, iizuka/later, toride/4th, toride/5th, oita),
keeps that edition's file layout and is

- renamed: a made-up city name (kanji parts + 市/町/村) replaces the real one wherever
  it appears (city, title, upper plans, prose);
- reshuffled: glossary terms and measures within their files, bullet-list items and
  table rows that carry no numbers, and now and then one plain chapter left out;
- resized by a factor drawn per plan (log-normal, mean about 1, clipped to 0.3-3):
  paragraphs, lists, tables, figures and notes are repeated or dropped, measures are
  copied under their own policy node with new ids and new numbers (or dropped), and
  the glossary grows and shrinks with the text that references it.

Every plan passes `plancc validate` without findings. The second form writes OUT/x1,
OUT/x2, ... : plans/toride/4th resized by exactly those factors, neither renamed nor
shuffled, for measuring how memory grows with plan size.

The same arguments give byte-identical files (as long as plans/ is unchanged). OUT is
only ever deleted when it holds the marker file `.plancc-bench-corpus` this script
writes; a non-empty OUT without it is left alone. `ensure` and `ensure_series` reuse OUT
when its marker matches and `.plancc-bench-sources` holds the digest of plans/ as it is. Standard library and ruamel.yaml only; YAML is written by a small emitter here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterator

from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

# Bump whenever the generated files change for the same count and seed.
GENERATOR = "plancc-bench-corpus/1"
MARKER = ".plancc-bench-corpus"
SOURCES = ".plancc-bench-sources"  # digest of the bundled plans the corpus was made from
DEFAULT_COUNT = 1741  # municipalities in the national index

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
EDITIONS = ["iizuka/2021", "iizuka/later", "toride/4th", "toride/5th", "oita"]
SERIES_EDITION = "toride/4th"

# Size factor per plan: log-normal with mean 1 (mu = -sigma^2/2), clipped.
SIGMA = 0.5
FACTOR_MIN, FACTOR_MAX = 0.3, 3.0
CHAPTER_DROP_P = 0.3  # chance that a full edition leaves out one plain chapter


class CorpusError(Exception):
    """OUT cannot be used (exists, is not empty and is not a corpus of ours)."""


# ====================================================================== reading the editions
#
# Read as plancc reads: every plain scalar is the text typed (only plain null/~/empty is
# None). The few fields the model types as numbers or booleans are then turned into int
# and bool, so that the emitter writes them plain and every other string quoted where a
# YAML 1.1/1.2 loader would take it for something else.

NULLS = {"", "~", "null", "Null", "NULL"}
BOOL_KEYS = {"row_headers", "ordered", "measures", "schedule"}


def _node_data(node) -> Any:
    if isinstance(node, ScalarNode):
        return None if not node.style and node.value in NULLS else node.value
    if isinstance(node, SequenceNode):
        return [_node_data(n) for n in node.value]
    if isinstance(node, MappingNode):
        return {k.value: _node_data(v) for k, v in node.value}
    raise TypeError(type(node))


def _read_yaml(path: Path) -> Any:
    return _node_data(YAML(typ="safe").compose(path.read_text(encoding="utf-8")))


def _type_fields(data: Any, kind: str) -> Any:
    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                if k in BOOL_KEYS and v in ("true", "false"):
                    x[k] = v == "true"
                else:
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(data)
    if kind == "plan":
        for rng in [data.get("period")] + list(data.get("phases") or []):
            if isinstance(rng, dict):
                for k in ("start", "end"):
                    if isinstance(rng.get(k), str):
                        rng[k] = int(rng[k])
    elif kind == "chapter" and isinstance(data.get("number"), str):
        data["number"] = int(data["number"])
    elif kind == "measures":
        for m in data.get("measures") or []:
            if isinstance(m.get("schedule"), dict):
                m["schedule"] = {int(k) if k.isdigit() else k: v for k, v in m["schedule"].items()}
    return data


class Edition:
    """One bundled plan edition, read once and never modified."""

    def __init__(self, name: str):
        self.name = name
        folder = PLANS / name
        self.files: list[tuple[str, str, Any]] = []  # (relative path, kind, data), plancc's order

        def add(rel: str, kind: str):
            self.files.append((rel, kind, _type_fields(_read_yaml(folder / rel), kind)))

        def many(single: str, dirname: str, kind: str):
            if (folder / single).is_file():
                add(single, kind)
            if (folder / dirname).is_dir():
                for p in sorted((folder / dirname).iterdir()):
                    if p.suffix in (".yaml", ".yml") and p.is_file():
                        add(f"{dirname}/{p.name}", kind)

        add("plan.yaml", "plan")
        many("", "chapters", "chapter")
        many("glossary.yaml", "glossary", "glossary")
        if (folder / "policy.yaml").is_file():
            add("policy.yaml", "policy")
        many("measures.yaml", "measures", "measures")
        self.city: str = self.files[0][2]["city"]
        self.text = json.dumps([f[2] for f in self.files], ensure_ascii=False)
        terms = [t for _, kind, d in self.files if kind == "glossary" for t in d.get("terms") or []]
        texts = [t["term"] for t in terms]
        # a reference by term text resolves to the first term with that text; shuffling
        # would change which one if two terms shared a text
        self.terms_shufflable = len(texts) == len(set(texts))


_EDITIONS: dict[str, Edition] = {}


def _edition(name: str) -> Edition:
    if name not in _EDITIONS:
        _EDITIONS[name] = Edition(name)
    return _EDITIONS[name]


# ====================================================================== names

# (kanji, romaji) parts of made-up place names
_HEADS = [
    ("北", "kita"), ("南", "minami"), ("東", "higashi"), ("西", "nishi"), ("上", "kami"),
    ("下", "shimo"), ("中", "naka"), ("高", "taka"), ("新", "shin"), ("古", "furu"),
    ("長", "naga"), ("若", "waka"), ("白", "shira"), ("黒", "kuro"), ("青", "ao"),
    ("赤", "aka"), ("松", "matsu"), ("桜", "sakura"), ("梅", "ume"), ("竹", "take"),
    ("杉", "sugi"), ("柳", "yanagi"), ("桑", "kuwa"), ("栗", "kuri"), ("藤", "fuji"),
    ("菊", "kiku"), ("石", "ishi"), ("岩", "iwa"), ("山", "yama"), ("川", "kawa"),
    ("野", "no"), ("原", "hara"), ("浜", "hama"), ("宮", "miya"), ("森", "mori"),
    ("池", "ike"), ("泉", "izumi"), ("清", "kiyo"), ("富", "tomi"), ("福", "fuku"),
    ("豊", "toyo"), ("春", "haru"), ("秋", "aki"), ("朝", "asa"), ("日", "hi"),
    ("月", "tsuki"), ("星", "hoshi"), ("鶴", "tsuru"), ("亀", "kame"), ("鹿", "shika"),
    ("熊", "kuma"), ("鷲", "washi"), ("霧", "kiri"), ("雪", "yuki"), ("緑", "midori"),
    ("金", "kane"), ("玉", "tama"), ("恵", "e"), ("千", "chi"), ("八", "ya"),
]
_TAILS = [
    ("山", "yama"), ("川", "kawa"), ("田", "da"), ("野", "no"), ("原", "hara"),
    ("沢", "sawa"), ("浜", "hama"), ("島", "jima"), ("崎", "saki"), ("岡", "oka"),
    ("井", "i"), ("津", "tsu"), ("瀬", "se"), ("浦", "ura"), ("谷", "ya"),
    ("坂", "saka"), ("橋", "hashi"), ("戸", "to"), ("里", "sato"), ("尾", "o"),
    ("木", "ki"), ("森", "mori"), ("宮", "miya"), ("城", "shiro"), ("江", "e"),
    ("湊", "minato"), ("根", "ne"), ("部", "be"), ("見", "mi"), ("倉", "kura"),
    ("口", "guchi"), ("台", "dai"), ("平", "daira"), ("淵", "buchi"), ("畑", "hata"),
    ("塚", "zuka"), ("波", "nami"), ("前", "mae"), ("内", "uchi"), ("形", "gata"),
]
_SUFFIXES = [("市", "shi", 0.45), ("町", "machi", 0.43), ("村", "mura", 0.12)]


def _names(count: int, seed: int, forbidden: str) -> list[tuple[str, str]]:
    """`count` distinct (name, slug) pairs; no name occurs in `forbidden` (the editions' text)."""
    rng = random.Random(f"plancc-bench-names:{seed}")
    seen_names: set[str] = set()
    seen_slugs: set[str] = set()
    out = []
    for _ in range(count):
        tries = 0
        while True:
            tries += 1
            parts = [rng.choice(_HEADS)]
            if tries > 20 or rng.random() < 0.08:
                parts.append(rng.choice(_HEADS))
            parts.append(rng.choice(_TAILS))
            kanji = [p[0] for p in parts]
            if len(set(kanji)) < len(kanji):
                continue
            suffix = rng.choices(_SUFFIXES, weights=[s[2] for s in _SUFFIXES])[0]
            name = "".join(kanji) + suffix[0]
            slug = "".join(p[1] for p in parts) + "-" + suffix[1]
            if name in seen_names or slug in seen_slugs or name in forbidden:
                if tries > 10_000:
                    raise CorpusError(f"cannot make {count} distinct city names")
                continue
            break
        seen_names.add(name)
        seen_slugs.add(slug)
        out.append((name, slug))
    return out


# ====================================================================== YAML emitter
#
# Block style like the bundled files; short lists of scalars and period/phase ranges in
# flow style. A string is written plain only when every YAML 1.1 and 1.2 loader reads it
# back as that same string; otherwise it is double-quoted (JSON escapes are valid YAML).

_BAD_ANYWHERE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|: |\s#|:$|\s$")
_BAD_FLOW = re.compile(r"[,\[\]{}:#?]")
_SPECIAL_FIRST = set("-?:,[]{}#&*!|>'\"%@` \t")
_NUMLIKE_START = re.compile(r"[-+.]?[0-9]")
_NUMLIKE = re.compile(r"[-+0-9a-fA-FxXoObB_.:eE tTzZ]*")
_WORDS = {"~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", "=", "<<",
          ".inf", "-.inf", "+.inf", ".nan"}
_ESCAPE_MORE = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _plain_ok(s: str) -> bool:
    if not s or s[0] in _SPECIAL_FIRST or _BAD_ANYWHERE.search(s):
        return False
    if s.lower() in _WORDS:
        return False
    if _NUMLIKE_START.match(s) and _NUMLIKE.fullmatch(s):
        return False
    return True


def _quote(s: str) -> str:
    q = json.dumps(s, ensure_ascii=False)
    if _ESCAPE_MORE.search(q):
        q = _ESCAPE_MORE.sub(lambda m: f"\\u{ord(m[0]):04x}", q)
    return q


FLOW_MAP_KEYS = {"name", "start", "end", "phase", "number", "title"}
FLOW_SEQ_MAX = 36  # characters of content in a flow sequence


class Emitter:
    def __init__(self, replace: tuple[str, str] | None = None):
        self.replace = replace
        self.block_cache: dict[str, str] = {}
        self.flow_cache: dict[str, str] = {}

    def text(self, s: str) -> str:
        if self.replace and self.replace[0] in s:
            s = s.replace(*self.replace)
        return s

    def scalar(self, v, flow: bool = False) -> str:
        if isinstance(v, str):
            v = self.text(v)
            cache = self.flow_cache if flow else self.block_cache
            r = cache.get(v)
            if r is None:
                ok = _plain_ok(v) and not (flow and _BAD_FLOW.search(v))
                r = cache[v] = v if ok else _quote(v)
            return r
        if v is None:
            return "null"
        if v is True:
            return "true"
        if v is False:
            return "false"
        if isinstance(v, int):
            return str(v)
        raise TypeError(f"cannot emit {type(v).__name__}")

    def key(self, k) -> str:
        if isinstance(k, int):
            return str(k)
        r = self.block_cache.get(k)
        if r is None:
            r = self.block_cache[k] = k if _plain_ok(k) else _quote(k)
        return r

    def _flow_seq(self, v: list) -> str | None:
        if len(v) > 6:
            return None
        size = 0
        for x in v:
            if isinstance(x, (dict, list)):
                return None
            size += len(x) if isinstance(x, str) else 4
        if size > FLOW_SEQ_MAX:
            return None
        return "[" + ", ".join(self.scalar(x, True) for x in v) + "]"

    def _flow_map(self, v: dict) -> str | None:
        if len(v) < 2 or not FLOW_MAP_KEYS.issuperset(v):
            return None
        if any(isinstance(x, (dict, list)) for x in v.values()):
            return None
        if sum(len(x) if isinstance(x, str) else 4 for x in v.values()) > 48:
            return None
        return "{" + ", ".join(f"{self.key(k)}: {self.scalar(x, True)}" for k, x in v.items()) + "}"

    def inline(self, v) -> str | None:
        """The value on the same line as its key or dash, or None for a block."""
        if isinstance(v, dict):
            return "{}" if not v else self._flow_map(v)
        if isinstance(v, list):
            return "[]" if not v else self._flow_seq(v)
        return self.scalar(v)

    def mapping(self, d: dict, ind: str, first: str, out: list[str]) -> None:
        lead = first
        for k, v in d.items():
            head = lead + self.key(k) + ":"
            lead = ind
            s = self.inline(v)
            if s is not None:
                out.append(f"{head} {s}\n")
            else:
                out.append(head + "\n")
                sub = ind + "  "
                if isinstance(v, dict):
                    self.mapping(v, sub, sub, out)
                else:
                    self.sequence(v, sub, sub, out)

    def sequence(self, items: list, ind: str, first: str, out: list[str]) -> None:
        lead = first
        sub = ind + "  "
        for v in items:
            dash = lead + "- "
            lead = ind
            s = self.inline(v)
            if s is not None:
                out.append(dash + s + "\n")
            elif isinstance(v, dict):
                self.mapping(v, sub, dash, out)
            else:
                self.sequence(v, sub, dash, out)

    def document(self, data: dict, header: str | None = None) -> str:
        out: list[str] = [header] if header else []
        self.mapping(data, "", "", out)
        return "".join(out)


# ====================================================================== one synthetic plan

REF_RE = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]|]+))?\]\]")  # as plancc.text
LEAF = {"p", "list", "table", "figure", "note"}  # repeated or dropped when resizing
CONTAINERS = {"section", "item"}  # resized inside, kept themselves
# policy, period, glossary, signature: kept exactly as they are
_ORDINAL = re.compile(r"\s*[（(【\[〔<＜]?\s*([0-9０-９①-⑳㉑-㉟⑴-⒇⒈-⒛❶-❿]|第|[一二三四五六七八九十]+[、．.）)]"
                      r"|[a-zA-Zａ-ｚＡ-Ｚ][．.)）])")
_DIGIT = re.compile(r"[0-9０-９]")


def _kind(block) -> str | None:
    if isinstance(block, dict) and len(block) == 1:
        return next(iter(block))
    return None


def _strings(x) -> Iterator[str]:
    if isinstance(x, str):
        yield x
    elif isinstance(x, dict):
        for v in x.values():
            yield from _strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from _strings(v)


def _first_text(cell) -> str:
    if isinstance(cell, list):
        return _first_text(cell[0]) if cell else ""
    return cell if isinstance(cell, str) else ""


def _has_block(blocks, kinds: set[str]) -> bool:
    for b in blocks or []:
        if not isinstance(b, dict):
            continue
        if kinds & b.keys():
            return True
        for c in CONTAINERS:
            if isinstance(b.get(c), dict) and _has_block(b[c].get("blocks"), kinds):
                return True
    return False


class Synth:
    """Derives one plan from an edition. Never modifies the edition's data."""

    def __init__(self, ed: Edition, rng: random.Random, factor: float, shuffle: bool):
        self.ed = ed
        self.rng = rng
        self.factor = factor
        self.shuffle = shuffle
        # the glossary as plancc resolves references: by key, then by the first term's text
        self.by_key: dict[str, dict] = {}
        self.by_term: dict[str, dict] = {}
        self.names: set[str] = set()
        for _, kind, d in ed.files:
            if kind == "glossary":
                for t in d.get("terms") or []:
                    self.by_key.setdefault(t.get("id") or t["term"], t)
                    self.by_term.setdefault(t["term"], t)
                    self.names.update((t.get("id") or t["term"], t["term"]))
        self.copies: dict[tuple[int, int], dict] = {}  # (id(original term), k) -> copy

    # ------------------------------------------------------------ helpers

    def count(self, f: float | None = None) -> int:
        """How many instances something has at this size: f itself, rounded at random."""
        f = self.factor if f is None else f
        n = math.floor(f)
        if f > n and self.rng.random() < f - n:
            n += 1
        return n

    @staticmethod
    def key(t: dict) -> str:
        return t.get("id") or t["term"]

    def _resolve(self, ref: str) -> dict | None:
        return self.by_key.get(ref) or self.by_term.get(ref)

    def term_copy(self, t: dict, k: int) -> dict:
        """The k-th copy (k >= 1) of a glossary term, with its own id and term text."""
        c = self.copies.get((id(t), k))
        if c is None:
            base, n = self.key(t), k + 1
            while True:
                new_id, new_term = f"{base}-{n}", f"{t['term']}（{n}）"
                if new_id not in self.names and new_term not in self.names:
                    break
                n += 100
            self.names.update((new_id, new_term))
            c = {"id": new_id, **{kk: v for kk, v in t.items() if kk != "id"}}
            c["term"] = new_term
            self.copies[(id(t), k)] = c
        return c

    def remap(self, x, k: int):
        """x with every term reference pointed at the k-th copy of its term."""
        if k == 0:
            return x
        if isinstance(x, str):
            if "[[" not in x:
                return x

            def sub(m):
                t = self._resolve((m[2] or m[1]).strip())
                return m[0] if t is None else f"[[{m[1]}|{self.key(self.term_copy(t, k))}]]"
            return REF_RE.sub(sub, x)
        if isinstance(x, dict):
            return {kk: self.remap(v, k) for kk, v in x.items()}
        if isinstance(x, list):
            return [self.remap(v, k) for v in x]
        return x

    # ------------------------------------------------------------ prose

    def shuffled_leaf(self, b: dict) -> dict:
        kind = _kind(b)
        if kind == "list":
            v = b["list"]
            items = v.get("items") if isinstance(v, dict) else v
            if isinstance(v, dict) and v.get("ordered"):
                return b
            if isinstance(items, list) and len(items) > 1 and not any(
                    _ORDINAL.match(_first_text(i)) for i in items):
                items = items[:]
                self.rng.shuffle(items)
                return {"list": {**v, "items": items} if isinstance(v, dict) else items}
        elif kind == "table" and isinstance(b["table"], dict):
            t = b["table"]
            rows = t.get("rows") or []
            # rows that carry numbers or years, or continue the row above (empty first
            # cell), keep their order
            if len(rows) > 1 and all(isinstance(r, list) and r for r in rows) and not any(
                    not _first_text(r[0]).strip() or _DIGIT.search(_first_text(r[0]))
                    or _ORDINAL.match(_first_text(r[0])) for r in rows):
                rows = rows[:]
                self.rng.shuffle(rows)
                return {"table": {**t, "rows": rows}}
        return b

    def blocks(self, blocks: list | None) -> list | None:
        """A block list resized: leaves repeated or dropped, containers resized inside."""
        if not blocks:
            return blocks
        counts = [self.count() if _kind(b) in LEAF else -1 for b in blocks]
        leaves = [i for i, n in enumerate(counts) if n >= 0]
        if leaves and not any(counts[i] > 0 for i in leaves):
            counts[self.rng.choice(leaves)] = 1  # keep at least one leaf where there was one
        out = []
        for b, n in zip(blocks, counts):
            kind = _kind(b)
            if n >= 0:
                for k in range(n):
                    c = self.remap(b, k)
                    out.append(self.shuffled_leaf(c) if self.shuffle else c)
            elif kind in CONTAINERS and isinstance(b[kind], dict) and b[kind].get("blocks"):
                out.append({kind: {**b[kind], "blocks": self.blocks(b[kind]["blocks"])}})
            else:
                out.append(b)
        return out

    def policy_nodes(self, nodes: list) -> list:
        out = []
        for n in nodes:
            n = dict(n)
            if n.get("blocks"):
                n["blocks"] = self.blocks(n["blocks"])
            if n.get("children"):
                n["children"] = self.policy_nodes(n["children"])
            out.append(n)
        return out

    # ------------------------------------------------------------ measures

    def measures(self, files: list[list[dict]], policy: dict | None) -> list[list[dict]]:
        index: dict[str, dict] = {}

        def walk(nodes):
            for n in nodes or []:
                index.setdefault(n.get("id") or n.get("number") or n["title"], n)
                if n.get("number"):
                    index.setdefault(n["number"], n)
                walk(n.get("children"))
        walk((policy or {}).get("nodes"))

        allm = [m for f in files for m in f]
        ids = {m["id"] for m in allm}
        top: dict[str, int] = defaultdict(int)  # number prefix -> highest last part in use
        for m in allm:
            for num in [m.get("number")] + [v.get("number") for v in m.get("variants") or []]:
                if num:
                    prefix, _, last = num.rpartition("-")
                    top[prefix] = max(top[prefix], int(last))

        n_of = {m["id"]: self.count() for m in allm}
        changed = True
        while changed:  # a kept measure's merge target is kept
            changed = False
            for m in allm:
                fate = m.get("fate") or {}
                if n_of[m["id"]] and fate.get("kind") == "merged" and fate.get("into") in n_of \
                        and not n_of[fate["into"]]:
                    n_of[fate["into"]] = 1
                    changed = True
        if allm and not any(n_of.values()):
            n_of[allm[0]["id"]] = 1

        copy_ids: dict[str, list[str]] = {}
        for m in allm:
            names = []
            for k in range(1, n_of[m["id"]]):
                n = k + 1
                while f"{m['id']}-{n}" in ids:
                    n += 100
                ids.add(f"{m['id']}-{n}")
                names.append(f"{m['id']}-{n}")
            copy_ids[m["id"]] = names

        def number(parent: str, old: str) -> str:
            node = index.get(parent)
            prefix = node["number"] if node and node.get("number") else old.rpartition("-")[0]
            top[prefix] += 1
            return f"{prefix}-{top[prefix]}" if prefix else str(top[prefix])

        def copy(m: dict, k: int) -> dict:
            c = self.remap(m, k)
            c["id"] = copy_ids[m["id"]][k - 1]
            if c.get("number"):
                c["number"] = number(m["parent"], m["number"])
            if c.get("variants"):
                # variants (one per phase) that shared a number under one parent share the new one
                given: dict[tuple[str, str], str] = {}
                variants = []
                for v in c["variants"]:
                    where = (v.get("parent") or m["parent"], v["number"])
                    if where not in given:
                        given[where] = number(*where)
                    variants.append({**v, "number": given[where]})
                c["variants"] = variants
            fate = m.get("fate")
            if fate and fate.get("kind") == "merged" and fate.get("into") in copy_ids:
                targets = copy_ids[fate["into"]]
                c["fate"] = {**c["fate"], "into": targets[k - 1] if k - 1 < len(targets) else fate["into"]}
            return c

        out = []
        for f in files:
            ms = []
            for m in f:
                for k in range(n_of[m["id"]]):
                    ms.append(m if k == 0 else copy(m, k))
            if self.shuffle:
                self.rng.shuffle(ms)
            out.append(ms)
        return out

    # ------------------------------------------------------------ glossary

    def glossary(self, gfiles: list[list[dict]], content: list[Any], published: bool) -> list[list[dict]]:
        """Term lists per glossary file: originals kept or dropped, copies after their
        original. Every reference resolves, and unless the plan prints the glossary
        (a `glossary` block) every term is referenced, or plancc would warn."""
        originals = [t for f in gfiles for t in f]
        if published:
            # printed whole: the glossary grows and shrinks with the plan; a term some
            # string refers to (definitions of dropped terms included) is always kept
            kept_ids = set()
            for t in originals:
                n = self.count()
                if n:
                    kept_ids.add(id(t))
                for k in range(1, n):
                    kept_ids.add(id(self.term_copy(t, k)))
            if originals and not kept_ids:
                kept_ids.add(id(originals[0]))
            allterms = originals + list(self.copies.values())
            kept_ids |= self._referenced(content, allterms, allterms)
        else:
            allterms = originals + list(self.copies.values())
            kept_ids = {id(t) for t in allterms}
            while True:  # drop unreferenced terms until every term left is referenced
                kept = [t for t in allterms if id(t) in kept_ids]
                now = self._referenced(content, kept, kept)
                if now == kept_ids:
                    break
                kept_ids = now
        by_orig = defaultdict(list)
        for (tid, k), c in sorted(self.copies.items(), key=lambda kv: kv[0][1]):
            by_orig[tid].append(c)
        out = []
        for f in gfiles:
            terms = []
            for t in f:
                if id(t) in kept_ids:
                    terms.append(t)
                terms.extend(c for c in by_orig[id(t)] if id(c) in kept_ids)
            if self.shuffle and self.ed.terms_shufflable:
                self.rng.shuffle(terms)
            out.append(terms)
        return out

    def _referenced(self, content: list[Any], terms: list[dict], term_strings: list[dict]) -> set[int]:
        """ids of those `terms` some string refers to, resolved as plancc resolves: by key,
        then by the first term with that text. Strings of `term_strings` count too."""
        by_key: dict[str, dict] = {}
        by_term: dict[str, dict] = {}
        for t in terms:
            by_key.setdefault(self.key(t), t)
            by_term.setdefault(t["term"], t)
        hit: set[int] = set()
        for s in _strings([content, term_strings]):
            if "[[" in s:
                for m in REF_RE.finditer(s):
                    ref = (m[2] or m[1]).strip()
                    t = by_key.get(ref) or by_term.get(ref)
                    if t is not None:
                        hit.add(id(t))
        return hit

    # ------------------------------------------------------------ the whole plan

    def build(self, drop_chapter: bool) -> list[tuple[str, Any]]:
        """(relative path, data) of every file of the new plan, plan.yaml first."""
        files = self.ed.files
        chapters = [(rel, d) for rel, kind, d in files if kind == "chapter"]
        if drop_chapter and len(chapters) >= 4 and self.rng.random() < CHAPTER_DROP_P:
            plain = [i for i, (_, d) in enumerate(chapters) if i > 0 and d.get("number") is not None
                     and not _has_block(d.get("blocks"), {"policy", "period", "glossary"})]
            if plain:
                del chapters[self.rng.choice(plain)]
        kept_chapters = {rel for rel, _ in chapters}
        new: dict[str, Any] = {}
        for rel, d in chapters:
            new[rel] = {**d, "blocks": self.blocks(d["blocks"])} if d.get("blocks") else d
        policy = None
        for rel, kind, d in files:
            if kind == "policy":
                policy = d
                new[rel] = {**d, "nodes": self.policy_nodes(d.get("nodes") or [])}
        mfiles = [(rel, d) for rel, kind, d in files if kind == "measures"]
        for (rel, d), ms in zip(mfiles, self.measures([d.get("measures") or [] for _, d in mfiles], policy)):
            new[rel] = {**d, "measures": ms}
        plan = {k: v for k, v in files[0][2].items() if k != "source"}  # not a transcription
        new["plan.yaml"] = plan
        published = any(_has_block(new[rel].get("blocks"), {"glossary"}) for rel in kept_chapters)
        gfiles = [(rel, d) for rel, kind, d in files if kind == "glossary"]
        content = list(new.values())
        for (rel, d), terms in zip(gfiles, self.glossary([d.get("terms") or [] for _, d in gfiles],
                                                         content, published)):
            new[rel] = {**d, "terms": terms}
        return [(rel, new[rel]) for rel, _, _ in files if rel in new]


# ====================================================================== writing

_EMITTER: Emitter | None = None


def _write_plan(folder: Path, files: list[tuple[str, Any]], replace: tuple[str, str] | None,
                header: str) -> int:
    """Writes the files, plan.yaml last (a folder with plan.yaml is complete). Bytes written."""
    global _EMITTER
    if _EMITTER is None:
        _EMITTER = Emitter()
    em = _EMITTER
    em.replace = replace
    total = 0
    made = set()
    for rel, data in sorted(files, key=lambda f: f[0] == "plan.yaml"):
        path = folder / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        raw = em.document(data, header if rel == "plan.yaml" else None).encode("utf-8")
        with open(path, "wb") as fh:
            fh.write(raw)
        total += len(raw)
    return total


def _plan_task(task: tuple) -> tuple[str, int]:
    out, index, edition, name, slug, seed, width = task
    ed = _edition(edition)
    rng = random.Random(f"plancc-bench:{seed}:{index}")
    factor = min(FACTOR_MAX, max(FACTOR_MIN, rng.lognormvariate(-SIGMA * SIGMA / 2, SIGMA)))
    files = Synth(ed, rng, factor, shuffle=True).build(drop_chapter=True)
    folder = Path(out) / f"{index + 1:0{width}d}-{slug}"
    header = f"# synthetic plan {index + 1} from plans/{edition}, size x{factor:.2f} ({GENERATOR}, seed {seed})\n"
    return str(folder), _write_plan(folder, files, (ed.city, name), header)


def _series_task(task: tuple) -> tuple[str, int]:
    out, factor = task
    ed = _edition(SERIES_EDITION)
    rng = random.Random(f"plancc-bench-series:{factor}")
    files = Synth(ed, rng, float(factor), shuffle=False).build(drop_chapter=False)
    folder = Path(out) / f"x{factor}"
    header = f"# plans/{SERIES_EDITION} resized x{factor} ({GENERATOR})\n"
    return str(folder), _write_plan(folder, files, None, header)


def _sources_digest(editions: list[str]) -> str:
    """sha256 of the bundled plan files a corpus is made from: the same count and seed give
    the same files only while these stay the same."""
    h = hashlib.sha256()
    for e in editions:
        for p in sorted((PLANS / e).rglob("*.y*ml")):
            h.update(f"{p.relative_to(PLANS)}\0{p.stat().st_size}\0".encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _prepare(out: Path, marker: dict, sources: str) -> None:
    """Empties OUT if it is a corpus of ours, refuses it if it holds anything else, then
    marks it as ours."""
    out = Path(out)
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise CorpusError(f"{out} is not a folder")
    if (out / MARKER).is_file():
        shutil.rmtree(out)
    elif out.exists() and any(out.iterdir()):
        raise CorpusError(f"{out} exists, is not empty and has no {MARKER}; not touching it")
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(json.dumps(marker) + "\n", encoding="utf-8")
    (out / SOURCES).write_text(sources + "\n", encoding="utf-8")


def _marker(out: Path) -> dict | None:
    try:
        return json.loads((Path(out) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _same_sources(out: Path, editions: list[str]) -> bool:
    try:
        return (Path(out) / SOURCES).read_text(encoding="utf-8").strip() == _sources_digest(editions)
    except OSError:
        return False


def _run(fn, tasks: list[tuple], jobs: int | None) -> list[tuple[str, int]]:
    if not jobs:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if jobs <= 1 or len(tasks) < 20:
        return [fn(t) for t in tasks]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        return list(pool.map(fn, tasks, chunksize=max(1, min(32, len(tasks) // (jobs * 8)))))


def generate(out: Path, count: int = DEFAULT_COUNT, seed: int = 0, *, jobs: int | None = None) -> list[Path]:
    """Writes `count` plan folders into OUT (see the module docstring); returns them in order."""
    if count < 1:
        raise CorpusError("count must be at least 1")
    eds = [_edition(e) for e in EDITIONS]  # read before forking: the workers share them
    names = _names(count, seed, "".join(e.text for e in eds))
    _prepare(out, {"count": count, "seed": seed, "generator": GENERATOR}, _sources_digest(EDITIONS))
    width = max(4, len(str(count)))
    tasks = [(str(out), i, EDITIONS[i % len(EDITIONS)], name, slug, seed, width)
             for i, (name, slug) in enumerate(names)]
    return [Path(p) for p, _ in _run(_plan_task, tasks, jobs)]


def generate_series(out: Path, factors: list[int], *, jobs: int | None = None) -> list[Path]:
    """Writes OUT/x<f> for each factor: plans/toride/4th resized by exactly f."""
    factors = list(factors)
    if not factors or any(not isinstance(f, int) or f < 1 for f in factors):
        raise CorpusError("series factors are whole numbers >= 1")
    _edition(SERIES_EDITION)
    _prepare(out, {"series": factors, "generator": GENERATOR}, _sources_digest([SERIES_EDITION]))
    return [Path(p) for p, _ in _run(_series_task, [(str(out), f) for f in factors], jobs)]


def _complete(out: Path, folders: list[str]) -> bool:
    return all((Path(out) / f / "plan.yaml").is_file() for f in folders)


def ensure(out: Path, count: int = DEFAULT_COUNT, seed: int = 0, *, jobs: int | None = None) -> list[Path]:
    """The corpus in OUT, generated only if OUT does not already hold this one, complete
    and made from the bundled plans as they are now."""
    out = Path(out)
    if _marker(out) == {"count": count, "seed": seed, "generator": GENERATOR} and _same_sources(out, EDITIONS):
        folders = sorted(p.name for p in out.iterdir() if p.is_dir())
        if len(folders) == count and _complete(out, folders):
            return [out / f for f in folders]
    return generate(out, count, seed, jobs=jobs)


def ensure_series(out: Path, factors: list[int], *, jobs: int | None = None) -> list[Path]:
    """The size series in OUT, generated only if OUT does not already hold this one."""
    out = Path(out)
    factors = list(factors)
    if _marker(out) == {"series": factors, "generator": GENERATOR} and _same_sources(out, [SERIES_EDITION]) \
            and _complete(out, [f"x{f}" for f in factors]):
        return [out / f"x{f}" for f in factors]
    return generate_series(out, factors, jobs=jobs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="OUT is deleted first only if it holds " + MARKER + ".")
    ap.add_argument("out", type=Path, metavar="OUT")
    ap.add_argument("--count", type=int, default=DEFAULT_COUNT, help="plans to write (default 1741)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--series", metavar="F,F,...",
                    help="instead write OUT/x<F>: plans/toride/4th resized by each factor, e.g. 1,2,4,8")
    ap.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: one per core)")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    try:
        if args.series:
            try:
                factors = [int(x) for x in args.series.split(",") if x.strip()]
            except ValueError:
                ap.error("--series takes whole numbers separated by commas, e.g. 1,2,4,8")
            folders = generate_series(args.out, factors, jobs=args.jobs)
        else:
            folders = generate(args.out, args.count, args.seed, jobs=args.jobs)
    except CorpusError as exc:
        print(f"corpus: {exc}", file=sys.stderr)
        return 2
    size = sum(p.stat().st_size for f in folders for p in f.rglob("*.yaml"))
    print(f"corpus: {len(folders)} plans, {size / 1e6:.1f} MB of YAML in {args.out}, "
          f"{time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
