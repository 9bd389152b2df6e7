"""Mutations of real plan files, shared by the property tests and `make fuzz`."""

from __future__ import annotations

import random
import re

OTHER_TYPES = ["[]", "{}", "1", "true", "null", "''", "[a, b]", "{a: 1}", "-1", "2018-03", "１－１", "~"]


def mutate(data: bytes, rnd: random.Random) -> tuple[str, bytes]:
    """One random damage to a file's bytes; returns (what was done, new bytes)."""
    lines = data.split(b"\n")
    kind = rnd.choice(["truncate", "drop", "duplicate", "swap", "flip", "retype", "indent"])
    if kind == "truncate":
        cut = rnd.randrange(len(data) + 1)
        return f"truncate at byte {cut}", data[:cut]
    if kind == "drop" and lines:
        i = rnd.randrange(len(lines))
        return f"drop line {i + 1}", b"\n".join(lines[:i] + lines[i + 1:])
    if kind == "duplicate" and lines:
        i = rnd.randrange(len(lines))
        return f"duplicate line {i + 1}", b"\n".join(lines[: i + 1] + [lines[i]] + lines[i + 1:])
    if kind == "swap" and len(lines) > 1:
        i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return f"swap lines {i + 1} and {j + 1}", b"\n".join(lines)
    if kind == "flip" and data:
        i = rnd.randrange(len(data))
        b = bytearray(data)
        b[i] ^= 1 << rnd.randrange(8)
        return f"flip a bit of byte {i}", bytes(b)
    if kind == "indent" and lines:
        i = rnd.randrange(len(lines))
        lines[i] = rnd.choice([b" ", b"  ", b"\t"]) + lines[i]
        return f"indent line {i + 1}", b"\n".join(lines)
    # replace a value by one of another YAML type
    candidates = [i for i, l in enumerate(lines) if re.match(rb"^\s*-?\s*[A-Za-z_]+:\s+\S", l)]
    if not candidates:
        return "no change", data
    i = rnd.choice(candidates)
    key = re.match(rb"^(\s*-?\s*[A-Za-z_]+:)", lines[i]).group(1)
    value = rnd.choice(OTHER_TYPES).encode()
    lines[i] = key + b" " + value
    return f"line {i + 1}: value → {value.decode()}", b"\n".join(lines)
