"""Write a curation plan: show the diff, validate a staged copy, write every file or none, one write
at a time.

- diff(): a unified diff of every file the plan changes (new rows appear as '+' lines only:
  existing rows never change or renumber).
- staged_problems(): the plan is written into a temporary copy of data/curated and seeds/ and the
  validator runs there; problems the real tables do not already have refuse the write.
- apply_plan(): under the data folder's write lock (core.data.transaction: one write at a time,
  across processes), the plan is made again from the tables as they are now (another write may have
  finished since it was shown), validated on a staged copy, and committed through the journal: a
  crash at any point leaves the tables entirely old or entirely new once anything reads them again.
- report(): after writing, the validator and the completeness check for that document.
"""

from __future__ import annotations

import difflib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from core.data.completeness import coverage, format_report
from core.curation.plan import Plan, plan_apply
from core.curation.register import CurationError
from core.data import transaction
from core.data.loading import load_corpus


def diff(plan: Plan, root: Path | None = None) -> str:
    chunks = []
    for path, new in plan.files.items():
        old = plan.originals.get(path)
        name = str(path.relative_to(root)) if root and path.is_relative_to(root) else f"{path.parent.name}/{path.name}"
        if old is None:
            lines = new.splitlines()
            preview = lines[:20] + ([f"... ({len(lines) - 20} more lines)"] if len(lines) > 20 else [])
            chunks.append(f"--- /dev/null\n+++ {name} (new file, {len(new):,} characters)\n"
                          + "".join(f"+{line}\n" for line in preview))
            continue
        chunks.append("".join(difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), f"{name} (now)", f"{name} (after writing)", n=1)))
    return "\n".join(chunks)


def staged_problems(plan: Plan, curated_dir: Path, seeds_dir: Path) -> list[str]:
    """Problems the validator finds after the plan is applied that it does not find today."""
    before = {str(p) for p in load_corpus(curated_dir, seeds_dir).problems}
    with tempfile.TemporaryDirectory(prefix="curate-stage-") as tmp:
        stage_curated, stage_seeds = Path(tmp) / "curated", Path(tmp) / "seeds"
        shutil.copytree(curated_dir, stage_curated, ignore=shutil.ignore_patterns(".*"))  # not the lock or journal
        shutil.copytree(seeds_dir, stage_seeds, ignore=shutil.ignore_patterns(".*"))
        for path, text in plan.files.items():
            target = (stage_curated if path.parent == curated_dir else stage_seeds) / path.name
            target.write_text(text, encoding="utf-8", newline="")
        after = load_corpus(stage_curated, stage_seeds).problems
    return [str(p) for p in after if str(p) not in before]


def commit(plan: Plan, curated_dir: Path, seeds_dir: Path) -> None:
    """Write every file of the plan, or none of them. The caller holds the data's write lock."""
    transaction.commit(plan.files, curated_dir, seeds_dir)


@dataclass
class Outcome:
    written: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # validator, after writing
    coverage: str = ""
    missing_numbers: int = 0


def apply_plan(plan: Plan, curated_dir: Path, seeds_dir: Path) -> Outcome:
    """Under the data's write lock: make the plan again from the tables as they are now, validate it
    on a staged copy, write it all or nothing; then report validator and coverage."""
    try:
        with transaction.exclusive(curated_dir, seeds_dir):
            if plan.inputs:  # made again now that no other write can run (it may have added rows since)
                candidates, text, source_name = plan.inputs
                plan = plan_apply(candidates, plan.meta, text, curated_dir, seeds_dir, source_name)
            if not plan.files:
                return Outcome()
            problems = staged_problems(plan, curated_dir, seeds_dir)
            if problems:
                raise CurationError(["Nothing was written: the validator would find these problems."] + problems)
            commit(plan, curated_dir, seeds_dir)
    except transaction.DataBusy as busy:
        raise CurationError(str(busy)) from None
    except OSError as failed:  # a full disk, a folder not writable: said in words, with what happens next
        raise CurationError(f"{curated_dir.name}/:-:-: the write could not be finished ({failed.strerror or failed}: "
                            f"{Path(failed.filename).name if failed.filename else 'a data file'}). If it was committed, the "
                            "next write or the next reader finishes it; otherwise nothing was written. Fix the cause "
                            "and apply again.") from None
    return report(plan.meta.doc_id, curated_dir, seeds_dir, plan.counts)


def report(doc_id: str, curated_dir: Path, seeds_dir: Path, written: dict[str, int] | None = None) -> Outcome:
    corpus = load_corpus(curated_dir, seeds_dir)
    docs = {doc_id: corpus.documents[doc_id]} if doc_id in corpus.documents else {}
    cov = coverage(corpus.tables, docs)
    return Outcome(written=dict(written or {}), problems=[str(p) for p in corpus.problems],
                   coverage=format_report(cov, docs) if docs else f"document '{doc_id}' is not registered",
                   missing_numbers=sum(len(c.missing) for c in cov.values()))
