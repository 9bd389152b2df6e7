"""The floor every plancc figure is divided by: start Python, then parse the same YAML
files with the C libyaml loader (ruamel.yaml's safe loader on ruamel.yaml.clib).

No tool that reads these files in Python can do less, so `plancc validate` at 1.8x the
floor means its own work (schema, cross-references) costs 0.8 of that.

    python bench/floor.py PATH...    (a plan folder or a folder of plans)
"""

from __future__ import annotations

import os
import sys

from ruamel.yaml import YAML


def main(paths: list[str]) -> int:
    yaml = YAML(typ="safe", pure=False)
    if yaml.Parser.__name__ != "CParser":
        sys.exit("bench/floor.py: ruamel.yaml.clib is missing; the floor would not be the C loader")
    count = 0
    for top in paths:
        for root, dirs, files in os.walk(top):
            dirs.sort()
            for name in sorted(files):
                if name.endswith((".yaml", ".yml")):
                    with open(os.path.join(root, name), "rb") as fh:
                        yaml.load(fh)
                    count += 1
    print(f"parsed {count} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
