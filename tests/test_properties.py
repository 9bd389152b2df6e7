"""Property tests: damaged copies of the real bundled plans never crash plancc."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, run
from mutations import mutate

PLAN_FILES = sorted(p.relative_to(REPO / "plans") for p in (REPO / "plans").rglob("*.yaml"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=st.sampled_from(PLAN_FILES), seed=st.integers(0, 2**32 - 1))
def test_a_damaged_plan_file_gives_located_findings_and_exit_0_or_1(tmp_path_factory, file, seed):
    tmp = tmp_path_factory.mktemp("mut")
    edition = file.parts[0] if file.parts[0] == "oita" else "/".join(file.parts[:2])
    dest = tmp / edition
    shutil.copytree(REPO / "plans" / edition, dest)
    target = tmp / file
    what, data = mutate(target.read_bytes(), random.Random(seed))
    target.write_bytes(data)
    code, out, err = run("validate", "--format", "json", str(dest))
    assert code in (0, 1), (what, err)
    report = json.loads(out)
    for f in report["findings"]:
        path = Path(f["path"])
        assert dest in path.parents or path == dest, (what, f)
        if path.is_file():
            n = len(path.read_bytes().split(b"\n"))
            assert 1 <= f["line"] <= n + 1, (what, f)
    if code == 1:
        assert any(f["severity"] == "error" for f in report["findings"])


PIECES = list("ab 漢字、。「」（）()[]>\"'#-+=.:;/?%$@^{}|~\t　１\ue000\ue001") + [
    "\\", "`", "*", "_", "](", "[a](b)", "[a]: b", "http://x", "!", "<", "&", "\r", "\n", "\x00"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_inline_text_renders_as_markdown_it_renders_it(text):
    # plain text skips markdown-it; the page must not change because of that shortcut
    from plancc.render.html import render_inline_markdown
    from plancc.render.inline import parser

    assert render_inline_markdown(text) == parser().renderInline(text)
