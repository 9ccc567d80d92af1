"""Every write all or nothing, one at a time (issue 23): a write killed at any step leaves the tables
entirely old or entirely new once anything reads them again, validating, with nothing left behind,
and the review can be applied again; two writes at once keep both documents; the validator reads
the folder DASHBOARD_DATA_DIR names.

Every test works on scratch copies of data/curated and seeds/ (conftest.ScratchData)."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest

import curate as cli
import validate as validator
from core.curation import write as curation_write
from core.curation.plan import plan_apply
from core.curation.register import CurationError
from core.curation.review import load_proposal
from core.data import transaction
from core.data.loading import load_corpus
from test_curation import BRIEF, cid, decide, propose_brief

DASHBOARD = Path(__file__).resolve().parents[1] / "dashboard"

# A process that commits the given files and is killed (SIGKILL: no cleanup code runs) just before
# step `kill_at` of the write, or in the middle of it when it writes a file (half the bytes written).
CHILD = r"""
import json, os, signal, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from core.data import transaction
job = json.loads(Path(sys.argv[2]).read_text())
kill_at, torn = job["kill_at"], job["torn"]
steps = 0
def step(real, name):
    def wrapped(*args):
        global steps
        steps += 1
        if steps == kill_at:
            if torn and name == "write":
                with open(args[0], "wb") as f:
                    f.write(args[1][: len(args[1]) // 2])
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args)
    return wrapped
transaction._write = step(transaction._write, "write")
transaction._rename = step(transaction._rename, "rename")
transaction._remove = step(transaction._remove, "remove")
curated, seeds = Path(job["curated"]), Path(job["seeds"])
files = {(curated if f["folder"] == "curated" else seeds) / f["name"]: f["text"] for f in job["files"]}
with transaction.exclusive(curated, seeds):
    transaction.commit(files, curated, seeds)
print(steps)
"""


def snapshot(scratch_root: Path) -> dict[str, bytes | str]:
    """Every entry of both folders, hidden ones included (a folder shows as 'folder')."""
    out = {}
    for folder in ("curated", "seeds"):
        for path in sorted((scratch_root / folder).iterdir()):
            out[f"{folder}/{path.name}"] = "folder" if path.is_dir() else path.read_bytes()
    return out


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    """A pristine copy of the data, a reviewed proposal for the test brief (a new document: seeds
    file, documents.csv, datapackage.json, figures.csv, channels.csv), and the tables as one clean
    apply leaves them."""
    from conftest import ScratchData

    root = tmp_path_factory.mktemp("writes")
    pristine = ScratchData(root / "pristine")
    out = root / "review"
    frame = propose_brief(pristine, out)
    decide(out / "candidates.csv", **{
        cid(frame, "figures", value_text="about 45"): {"decision": "accept"},
        cid(frame, "channels", name="Telegram"): {"decision": "accept"}})
    applied = ScratchData(root / "applied")
    shutil.rmtree(applied.curated), shutil.rmtree(applied.seeds)
    shutil.copytree(pristine.curated, applied.curated), shutil.copytree(pristine.seeds, applied.seeds)
    assert cli.main(["--data", str(applied.curated), "--seeds", str(applied.seeds), "apply", str(out / "candidates.csv")]) == 0
    meta, text, candidates = load_proposal(out / "candidates.csv")
    plan = plan_apply(candidates, meta, text, pristine.curated, pristine.seeds)
    files = [{"folder": p.parent.name, "name": p.name, "text": t} for p, t in plan.files.items()]
    return {"pristine": root / "pristine", "old": snapshot(root / "pristine"), "new": snapshot(root / "applied"),
            "files": files, "candidates": out / "candidates.csv"}


def fresh_copy(review, where: Path) -> Path:
    shutil.copytree(review["pristine"], where)
    return where


def run_child(review, root: Path, kill_at: int, torn: bool) -> subprocess.CompletedProcess:
    job = root.parent / f"{root.name}.json"
    job.write_text(json.dumps({"kill_at": kill_at, "torn": torn, "curated": str(root / "curated"),
                               "seeds": str(root / "seeds"), "files": review["files"]}))
    return subprocess.run([sys.executable, "-c", CHILD, str(DASHBOARD), str(job)], capture_output=True, text=True,
                          timeout=120)


def test_a_write_killed_at_every_step_leaves_the_tables_entirely_old_or_entirely_new(review, tmp_path):
    old, new = review["old"], review["new"]
    assert old != new and not load_corpus(Path(review["pristine"]) / "curated", Path(review["pristine"]) / "seeds").problems
    # how many steps a whole write takes
    whole = run_child(review, fresh_copy(review, tmp_path / "whole"), kill_at=0, torn=False)
    assert whole.returncode == 0, whole.stderr
    steps = int(whole.stdout.split()[-1])
    assert steps >= 2 * len(review["files"]) + 3, "every file is journaled and copied into place"
    assert snapshot(tmp_path / "whole") == new, "an uninterrupted write is the clean apply"
    outcomes = []
    for kill_at in range(1, steps + 1):
        for torn in (False, True):
            root = fresh_copy(review, tmp_path / f"k{kill_at}{'t' if torn else ''}")
            child = run_child(review, root, kill_at, torn)
            assert child.returncode == -signal.SIGKILL, (kill_at, child.stderr)
            # what anything that reads the data does first (the app, validate.py, curate.py)
            with transaction.read_lock(root / "curated", root / "seeds"):
                after = snapshot(root)
            assert after in (old, new), f"killed at step {kill_at}{' (torn)' if torn else ''}: a mix of old and new, " \
                                        f"or something left behind: {sorted(set(after) ^ set(old))}"
            outcomes.append((kill_at, "new" if after == new else "old"))
    # old up to the journal's rename, new from there on: the commit is one step
    first_new = min(k for k, state in outcomes if state == "new")
    assert all(state == "old" for k, state in outcomes if k < first_new)
    assert all(state == "new" for k, state in outcomes if k >= first_new)
    assert 1 < first_new <= steps, outcomes
    # both states validate (the data package included)
    for state in ("old", "new"):
        root = tmp_path / "k1" if state == "old" else tmp_path / f"k{steps}"
        assert not load_corpus(root / "curated", root / "seeds").problems, state
    assert b"doc_id: ferghana_test" in new["curated/datapackage.json"]


def test_a_review_a_crash_interrupted_can_be_applied_again(review, tmp_path, capsys):
    """Before the commit: the tables are old and the review applies as if for the first time; after
    it: the review is already written, and applying it again says so and changes nothing."""
    whole = run_child(review, fresh_copy(review, tmp_path / "count"), kill_at=0, torn=False)
    steps = int(whole.stdout.split()[-1])
    for kill_at, expect in ((2, "old"), (steps - 1, "new")):
        root = fresh_copy(review, tmp_path / f"again{kill_at}")
        assert run_child(review, root, kill_at, torn=True).returncode == -signal.SIGKILL
        capsys.readouterr()
        status = cli.main(["--data", str(root / "curated"), "--seeds", str(root / "seeds"), "apply", str(review["candidates"])])
        printed = capsys.readouterr()
        if expect == "old":
            assert status == 0 and "validator: no problems" in printed.out
        else:
            assert status == 1 and "is already in figures.csv" in printed.err
        assert snapshot(root) == review["new"]


def test_an_error_while_writing_leaves_the_tables_old_before_the_commit_and_new_after(review, tmp_path, monkeypatch):
    """A raised error (a full disk) rather than a kill: before the journal is committed the write
    never happened and its journal is gone; after it, recovery finishes the write."""
    meta, text, candidates = load_proposal(review["candidates"])
    for fail_on, expect in (("write", "old"), ("rename-after-commit", "new")):
        root = fresh_copy(review, tmp_path / fail_on)
        curated, seeds = root / "curated", root / "seeds"
        plan = plan_apply(candidates, meta, text, curated, seeds)
        real_write, real_rename = transaction._write, transaction._rename
        calls = {"write": 0, "rename": 0}

        def write(path, data):
            calls["write"] += 1
            if fail_on == "write" and calls["write"] == 2:
                raise OSError("No space left on device (simulated)")
            real_write(path, data)

        def rename(source, target):
            calls["rename"] += 1
            if fail_on == "rename-after-commit" and calls["rename"] == 2:  # the first copy into place
                raise OSError("No space left on device (simulated)")
            real_rename(source, target)

        monkeypatch.setattr(transaction, "_write", write)
        monkeypatch.setattr(transaction, "_rename", rename)
        with pytest.raises(CurationError, match="could not be finished.*simulated.*apply again"):  # in words, no traceback
            curation_write.apply_plan(plan, curated, seeds)
        monkeypatch.setattr(transaction, "_write", real_write)
        monkeypatch.setattr(transaction, "_rename", real_rename)
        with transaction.read_lock(curated, seeds):
            assert snapshot(root) == review[expect], fail_on


def second_brief(tmp_path: Path) -> Path:
    path = tmp_path / "ferghana-second-brief.md"
    path.write_text("A second brief on the same valley, written for the tests.\n\n" + BRIEF.read_text(), encoding="utf-8")
    return path


def test_two_writes_at_once_keep_both_documents(scratch, tmp_path):
    """Two curators press Write at the same moment, each with a plan made before the other wrote:
    the second write makes its plan again under the lock, so neither loses the other's rows."""
    plans = []
    for doc_id, path in (("ferghana_a", BRIEF), ("ferghana_b", second_brief(tmp_path))):
        frame = propose_brief(scratch, tmp_path / doc_id, doc_id=doc_id, path=path)
        decide(tmp_path / doc_id / "candidates.csv", **{
            cid(frame, "figures", value_text="about 45"): {"decision": "accept"},
            cid(frame, "channels", name="Telegram"): {"decision": "accept"}})
        meta, text, candidates = load_proposal(tmp_path / doc_id / "candidates.csv")
        plans.append(plan_apply(candidates, meta, text, scratch.curated, scratch.seeds))
    start, results = threading.Barrier(2), {}

    def write(plan):
        start.wait()
        try:
            results[plan.meta.doc_id] = curation_write.apply_plan(plan, scratch.curated, scratch.seeds)
        except CurationError as refused:
            results[plan.meta.doc_id] = refused

    threads = [threading.Thread(target=write, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    corpus = load_corpus(scratch.curated, scratch.seeds)
    assert not corpus.problems, [str(p) for p in corpus.problems][:5]
    for doc_id in ("ferghana_a", "ferghana_b"):
        assert isinstance(results[doc_id], curation_write.Outcome), results[doc_id]
        assert doc_id in set(corpus["documents"]["doc_id"]), f"{doc_id} was lost"
        assert f"fig-{doc_id}-001" in set(corpus["figures"]["figure_id"])
        assert f"ch-{doc_id}-01" in set(corpus["channels"]["channel_id"])
    assert not [p.name for p in scratch.curated.iterdir() if p.name.startswith(".")], "nothing left behind"


def test_a_write_waiting_too_long_for_another_is_refused_in_words(scratch, tmp_path):
    frame = propose_brief(scratch, tmp_path / "out")
    decide(tmp_path / "out" / "candidates.csv", **{cid(frame, "figures", value_text="about 45"): {"decision": "accept"}})
    meta, text, candidates = load_proposal(tmp_path / "out" / "candidates.csv")
    plan = plan_apply(candidates, meta, text, scratch.curated, scratch.seeds)
    before = snapshot(scratch.curated.parent)
    with transaction.exclusive(scratch.curated, scratch.seeds):  # another write holds the lock
        with pytest.raises(transaction.DataBusy, match="another write to the data has been running"):
            with transaction.exclusive(scratch.curated, scratch.seeds, wait_s=0.3):
                pass
    assert snapshot(scratch.curated.parent) == before
    assert curation_write.apply_plan(plan, scratch.curated, scratch.seeds).written == {"documents": 1, "figures": 1}


@pytest.mark.slow
def test_two_command_line_writes_at_once_keep_both_documents_ten_times(scratch, tmp_path):
    """The issue's reproduction: two `curate.py apply` processes started together, ten times."""
    reviews = []
    for doc_id, path in (("ferghana_a", BRIEF), ("ferghana_b", second_brief(tmp_path))):
        frame = propose_brief(scratch, tmp_path / doc_id, doc_id=doc_id, path=path)
        decide(tmp_path / doc_id / "candidates.csv", **{cid(frame, "figures", value_text="about 45"): {"decision": "accept"}})
        reviews.append(tmp_path / doc_id / "candidates.csv")
    pristine = tmp_path / "pristine"
    shutil.copytree(scratch.curated.parent, pristine, ignore=shutil.ignore_patterns("ferghana_*"))
    for trial in range(10):
        root = tmp_path / f"trial{trial}"
        shutil.copytree(pristine, root)
        procs = [subprocess.Popen([sys.executable, str(DASHBOARD / "curate.py"), "--data", str(root / "curated"),
                                   "--seeds", str(root / "seeds"), "apply", str(r)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for r in reviews]
        codes = [p.wait(timeout=300) for p in procs]
        documents = set(pd.read_csv(root / "curated" / "documents.csv", dtype=str)["doc_id"])
        assert codes == [0, 0] and {"ferghana_a", "ferghana_b"} <= documents, (trial, codes, [p.stderr.read() for p in procs])
        assert validator.main(["--data", str(root / "curated"), "--seeds", str(root / "seeds")]) == 0


def test_the_validator_reads_the_folder_DASHBOARD_DATA_DIR_names(scratch, monkeypatch, capsys):
    scratch.set("incidents", 0, "date", "2022-13-45")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(scratch.curated))
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(scratch.seeds))
    assert validator.main([]) == 1
    printed = capsys.readouterr()
    assert "incidents.csv:2:date: '2022-13-45' is not a date" in printed.out
    assert str(scratch.curated) in printed.err


def test_a_long_file_name_neither_fails_a_write_nor_wedges_the_next(scratch, tmp_path):
    """A document uploaded as 'kkk…k.txt' (246 k's): its file in seeds/ gets a short name, and even a
    long target name is copied into place through a short temporary one (a temporary name over the
    file system's 255 bytes failed the write and left a journal every later write tripped on)."""
    from core.curation.register import MAX_STEM, seed_file_name

    assert len(seed_file_name("long_doc", "k" * 246 + ".txt")) <= MAX_STEM + len(".txt")
    assert seed_file_name("x", "Tajik returnees - a report from the Fergana valley, 2025 edition of the annual"
                          " review of repatriation and reintegration.pdf").endswith("annual.txt")
    target = scratch.seeds / ("k" * 246 + ".txt")
    with transaction.exclusive(scratch.curated, scratch.seeds):
        transaction.commit({target: "A text.\n"}, scratch.curated, scratch.seeds)
    assert target.read_text() == "A text.\n"
    assert not (scratch.curated / transaction.JOURNAL).exists()
    assert not list(scratch.seeds.glob(f".*{transaction.TEMP_SUFFIX}"))
