"""A city's own plan repository: `plancc init` (scaffold.py), the editors' schemas
(`plancc schema --write`, scaffold.py) and the next edition of a plan (`plancc
new-edition`, edition.py).

The files `init` writes are templates in `files/` (package data, Japanese: they are the
city's own files, not plancc's messages), filled in by `scaffold.fill`.
"""
