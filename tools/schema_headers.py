"""Give every plan file under plans/ its `# yaml-language-server: $schema=` first line.

Usage: python tools/schema_headers.py [plans]   (idempotent; rewrites only files lacking the line)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PREFIX = "# yaml-language-server: $schema="


def kind_of(path: Path) -> str | None:
    if path.name == "plan.yaml":
        return "plan"
    parent = path.parent.name
    if parent == "chapters":
        return "chapter"
    if path.name == "glossary.yaml" or parent == "glossary":
        return "glossary"
    if path.name == "policy.yaml":
        return "policy"
    if path.name == "measures.yaml" or parent == "measures":
        return "measures"
    return None


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "plans")
    for path in sorted(root.rglob("*.yaml")):
        kind = kind_of(path)
        if kind is None:
            continue
        rel = os.path.relpath(REPO / "schema" / f"{kind}.schema.json", path.parent)
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        header = PREFIX + rel
        if lines and lines[0].startswith(PREFIX):
            if lines[0] == header:
                continue
            lines = lines[1:]
        path.write_text("\n".join([header] + lines), encoding="utf-8")
        print(f"{path}: {header}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
