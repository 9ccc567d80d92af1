"""Bounded work for a curator (issue 23): a document over the size limit is refused in words that
state the limit, and the slow steps run in a child process that ends as soon as the page stops
waiting for it (the Curate page stops waiting when the curator closes the tab)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import curate as cli
from core.curation import worker
from core.curation.register import MAX_DOCUMENT_CHARS, MAX_FILE_MB, CurationError, read_document


def test_a_document_over_the_limit_is_refused_stating_the_limit(tmp_path, scratch, capsys):
    words = "Returnees went home. " * (MAX_DOCUMENT_CHARS // 21 + 10)
    with pytest.raises(CurationError) as refused:
        read_document(Path("long.txt"), words.encode())
    assert refused.value.messages == [
        f"long.txt:-:-: the document has {len(words):,} characters; a document may have at most 500,000 characters "
        "(about 200 pages): split it into parts and add each part as its own document"]
    with pytest.raises(CurationError, match=r"big.pdf:-:-: the file is 21.0 MB; a document may be at most 20 MB"):
        read_document(Path("big.pdf"), b"%PDF" + b"0" * (21 * 1024 * 1024 - 4))
    assert MAX_FILE_MB == 20
    long_file = tmp_path / "long.md"
    long_file.write_text(words, encoding="utf-8")
    assert cli.main(["--data", str(scratch.curated), "--seeds", str(scratch.seeds), "propose", str(long_file),
                     "--doc-id", "long", "--title", "Long", "--out", str(tmp_path / "out")]) == 1
    assert "a document may have at most 500,000 characters" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    assert len(read_document(Path("ok.txt"), ("x" * MAX_DOCUMENT_CHARS).encode())) == MAX_DOCUMENT_CHARS


def _write_pid_and_wait(path: str, seconds: float) -> str:
    Path(path).write_text(str(os.getpid()))
    end = time.monotonic() + seconds
    while time.monotonic() < end:  # busy, as proposing is
        pass
    return "finished"


def _refuse(reason: str):
    raise CurationError([reason])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()


class Closed(Exception):
    """What Streamlit raises in a script whose session has gone (its StopException), stood in for."""


def test_a_step_whose_page_has_gone_is_ended_at_once(tmp_path):
    pid_file = tmp_path / "pid"
    polls = []

    def poll(elapsed):
        polls.append(elapsed)
        if pid_file.exists():
            raise Closed()  # the tab was closed while the child was busy

    started = time.monotonic()
    with pytest.raises(Closed):
        worker.run_stoppable(_write_pid_and_wait, (str(pid_file), 60.0), poll, every_s=0.05)
    pid = int(pid_file.read_text())
    assert time.monotonic() - started < 30, "the wait ended when the page went, not when the work was done"
    assert not _alive(pid), "the child still runs after its page has gone"


def test_a_step_returns_its_result_and_passes_on_a_refusal_in_words(tmp_path):
    assert worker.run_stoppable(_write_pid_and_wait, (str(tmp_path / "pid"), 0.0), lambda elapsed: None) == "finished"
    with pytest.raises(CurationError) as refused:
        worker.run_stoppable(_refuse, ("x.pdf:-:-: the PDF cannot be read",), lambda elapsed: None)
    assert refused.value.messages == ["x.pdf:-:-: the PDF cannot be read"]
    started = tmp_path / "pid2"

    def until_started(elapsed):  # the time limit is met only once the child is surely running
        deadline = time.monotonic() + 60
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.01)

    with pytest.raises(CurationError, match="took more than 1 s and was stopped"):
        worker.run_stoppable(_write_pid_and_wait, (str(started), 60.0), until_started, every_s=0.05, limit_s=1.0)
    assert not _alive(int(started.read_text()))
