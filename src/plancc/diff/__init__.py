"""`plancc diff`, all of it: what changed between two revisions of a plan, or between
two phases of one plan.

- `compare`: the comparison itself (Report, Change, compare_plans, compare_phases),
  beside layout: it reads loaded, checked plans and knows no output format.
- `revisions`: a side given as REV:PATH, read from git without a checkout.
- `render`: the reports: text, Markdown, JSON and the 新旧対照表 as HTML.
- `command`: the command: resolve both sides, load them, compare, render.

Nothing is imported here, so that importing one module imports only what it needs;
`plancc validate` never imports this package.
"""
