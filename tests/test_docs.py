"""The README and docs/ against the code (as Datasette tests its documentation): every script, flag
and path they name exists, the quick commands run, the worked example of adding a document prints
what the page says it prints, and the README stays a five-minute read."""

from __future__ import annotations

import csv
import functools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import curate as cli
from core.data.dictionary import render, section_of
from core.data.paths import DATA_DOC

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, *DOCS]
PLACEHOLDERS = ("DIR", "PATH", "ID", "<", "*", "...", "YYYY")
# Paths that exist only on the machine the commands run on, or inside a built package.
NOT_IN_REPO = ("/tmp/", ".venv/", "tests/artifacts/", "datapackage/")
# Files the commands write (a review folder, a ZIP), named by the pages but not in the repository.
OUTPUT_FILES = {"candidates.csv", "document.txt", "document.json", "LICENSE.md", "sources.md", "README.md"}
FOLDERS = {"dashboard", "scripts", "tests", "data", "seeds", "docs", "core", "ui", "views", ".streamlit", ".ci"}
IN_REPO = {p.name for p in ROOT.rglob("*") if ".git" not in p.parts and ".venv" not in p.parts}


def _text(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def _code_blocks(text: str, language: str = "bash") -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def _commands(text: str) -> list[str]:
    """Each command of the bash blocks, continuation lines joined, comments removed."""
    out = []
    for block in _code_blocks(text):
        for command in block.replace("\\\n", " ").splitlines():
            command = command.split("#", 1)[0].strip()
            if command:
                out.append(command)
    return out


def test_the_readme_is_a_five_minute_read_that_links_every_page_of_docs():
    text = _text(README)
    assert len(text.splitlines()) <= 150
    linked = set(re.findall(r"\]\((docs/[\w-]+\.md)", text))
    assert linked == {f"docs/{p.name}" for p in DOCS}
    for heading in ("## Two commands", "## The pages", "## Curator mode"):
        assert heading in text
    assert "bash scripts/run.sh" in text and "bash scripts/test.sh" in text


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_path_a_page_names_exists(page):
    text = _text(page)
    names = set(re.findall(r"`([\w./-]+(?:::[\w]+)?)`", text))
    names |= {p for command in _commands(text) for p in re.findall(r"(?<![\w/.-])((?:dashboard|scripts|tests|data|seeds|docs)/[\w./-]+)", command)}
    missing = []
    for name in sorted(names):
        path, _, test_name = name.partition("::")
        if path.startswith(("/", ".")) or any(p in path for p in PLACEHOLDERS + NOT_IN_REPO):
            continue
        if "/" not in path:  # a file named on its own: somewhere in the repository, or one a command writes
            if re.search(r"\.(py|csv|md|json|toml|sh|html|geojson)$", path) and path not in IN_REPO | OUTPUT_FILES:
                missing.append(name)
            continue
        if path.split("/")[0] not in FOLDERS:
            continue  # not a path ("audio/radio")
        where = ROOT / path
        if not where.exists() and not (ROOT / "dashboard" / path).exists() and not (ROOT / "data" / "curated" / path).exists():
            missing.append(name)
        elif test_name and f"def {test_name}(" not in where.read_text(encoding="utf-8"):
            missing.append(name)
    assert missing == []


def test_a_missing_path_is_found():  # the check above can fail
    text = "see `dashboard/core/analysis/nowhere.py` and `scripts/run.sh`"
    names = set(re.findall(r"`([\w./-]+(?:::[\w]+)?)`", text))
    assert {n for n in names if not (ROOT / n).exists()} == {"dashboard/core/analysis/nowhere.py"}


# Every script's --help, read in one Python process: a process per script spent a second on
# importing the same libraries again.
HELP_ALL = """
import contextlib, io, json, runpy, sys
out = {}
for script, sub in json.loads(sys.argv[1]):
    sys.argv = [script] + ([sub] if sub else []) + ["--help"]
    buffer, code = io.StringIO(), 0
    with contextlib.redirect_stdout(buffer):
        try:
            runpy.run_path(script, run_name="__main__")
        except SystemExit as exit:
            code = exit.code or 0
    out[script + " " + sub] = [code, buffer.getvalue()]
print(json.dumps(out))
"""


def _python_commands(page: Path) -> list[tuple[str, str, list[str]]]:
    """(script, subcommand or '', the words after the script) of each python command the page writes
    (streamlit and pytest, run with -m, have their own flags)."""
    found = []
    for command in _commands(_text(page)):
        words = command.split()
        if "bin/python" not in command or "-m" in words[:3] or "scripts/cpu_load.py" in command:
            continue
        script = next(w for w in words if w.endswith(".py"))
        following = words[words.index(script) + 1:]
        sub = following[0] if following and not following[0].startswith("-") and script.endswith("curate.py") else ""
        found.append((script, sub, following))
    return found


@functools.cache
def _helps() -> dict[str, list]:
    """{'<script> <subcommand>': [exit code, help text]} for every script (and subcommand) any page names."""
    named = [c for page in PAGES for c in _python_commands(page) if (ROOT / c[0]).is_file()]
    wanted = sorted({(script, "") for script, _, _ in named} | {(script, sub) for script, sub, _ in named if sub})
    run = subprocess.run([sys.executable, "-c", HELP_ALL, json.dumps(wanted)], capture_output=True, text=True,
                         timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_script_and_flag_a_command_names_exists(page):
    for script, sub, following in _python_commands(page):
        assert (ROOT / script).is_file(), f"{script} {' '.join(following)}"
        code, known = _helps()[script + " "]
        assert code == 0, f"{script} --help failed"
        if sub:
            known += _helps()[f"{script} {sub}"][1] if _helps()[f"{script} {sub}"][0] == 0 else ""
        for flag in re.findall(r"(?<![\w-])(--[a-z][\w-]*)", " ".join(following)):
            assert flag in known, f"{script} {' '.join(following)}: {flag} is not a flag of {script}"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=300, cwd=ROOT)


def test_the_quick_commands_run():
    """The data checks the docs tell a reader to run, as written (they write nothing)."""
    assert ".venv/bin/python dashboard/validate.py " in _text(ROOT / "docs" / "data.md")
    checked = _run("dashboard/validate.py")
    assert checked.returncode == 0 and checked.stdout.startswith("OK: "), checked.stdout + checked.stderr
    covered = _run("dashboard/validate.py", "--coverage")
    assert covered.returncode == 0, covered.stdout[-2000:]
    assert _run("dashboard/validate.py", "--dictionary").stdout.strip() == render()


def test_the_data_dictionary_in_the_docs_is_current():
    assert section_of(DATA_DOC.read_text(encoding="utf-8")) == render(), \
        "run: .venv/bin/python dashboard/validate.py --update-docs"


def _example_lines(block: str) -> list[str]:
    return [line[2:].strip() for line in block.splitlines() if line.startswith("# ")]


def test_the_worked_example_of_adding_a_document_prints_what_the_page_says(scratch, tmp_path, capsys):
    """docs/adding-a-document.md: propose the test brief, decide as the page says, apply; the lines
    the page quotes are the lines the commands print."""
    text = _text(ROOT / "docs" / "adding-a-document.md")
    example = text.split("## Worked example", 1)[1]
    propose_block, apply_block = _code_blocks(example)[:2]
    propose_command = next(c for c in _commands("```bash\n" + propose_block + "```") if "curate.py propose" in c)
    args = propose_command.split("curate.py", 1)[1]
    brief = re.search(r"propose (\S+)", args).group(1)
    doc_id = re.search(r"--doc-id (\S+)", args).group(1)
    title = re.search(r'--title "([^"]+)"', args).group(1)
    out = tmp_path / "review"
    base = ["--data", str(scratch.curated), "--seeds", str(scratch.seeds)]
    assert cli.main([*base, "propose", str(ROOT / brief), "--doc-id", doc_id, "--title", title, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    for line in _example_lines(propose_block):
        assert line in printed, f"the page says `{line}`; propose printed:\n{printed}"

    accepted = re.search(r"Set `accept` on ([^,]+(?:, [^,]+)*?) and (c\d{4}),", example)
    accept = re.findall(r"c\d{4}", accepted.group(0))
    excluded = re.search(r"`exclude` on (c\d{4}) with\s+`exclude_reason` \"([^\"]+)\"", example)
    path = out / "candidates.csv"
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["candidate_id"] in accept:
            row["decision"] = "accept"
        elif row["candidate_id"] == excluded.group(1):
            row["decision"], row["exclude_reason"] = "exclude", excluded.group(2)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert cli.main([*base, "apply", str(path)]) == 0
    printed = capsys.readouterr().out
    for line in _example_lines(apply_block):
        if line.endswith("..."):  # a diff line, cut short on the page
            assert any(p.startswith(line[:-3].rstrip()) for p in printed.splitlines()), line
        else:
            assert line in printed, f"the page says `{line}`; apply printed:\n{printed}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_page_holds_a_placeholder_for_figures_still_to_come(page):
    """docs/production.md once printed 'LOAD_TABLE' where its table of measured load belonged."""
    text = page.read_text(encoding="utf-8")
    left = re.findall(r"(?m)^\s*(?:[A-Z][A-Z0-9]*_[A-Z0-9_]+|TODO|TBD|FIXME|XXX)\s*$", text)
    assert not left, f"{page.name}: {left}"
