"""Every write to the data all or nothing, one at a time: the data folder's lock, the journal that
makes a write of several files one step, and the recovery of whatever a crash left.

The tables stay plain files where they are (data/curated/*.csv, tracked by git; seeds/*.txt), so a
write of several files cannot be one rename of a folder. It is a redo journal instead:

1. `exclusive()` takes the write lock (an flock on the data folder itself, so no lock file is left
   anywhere: one writer at a time, across processes; readers take it shared while they read, so they
   never read a write half done) and first finishes or discards whatever an earlier crash left
   (`recover`).
2. `commit()` writes every new file into a journal folder beside the tables
   (.dashboard-journal.tmp/: one blob per file and a manifest), flushed to disk,
3. then renames that folder to .dashboard-journal: the one step a crash cannot split. Before it, the
   write never happened (recovery deletes the .tmp folder); after it, the write has happened.
4. Then each file is copied into place (written beside its target, flushed, renamed over it); a crash
   here is finished by recovery, which copies them all again (copying twice changes nothing),
5. and the journal is renamed to .dashboard-journal.old and deleted.

Recovery runs when a write takes the lock and when the app, the validator or the command line
read the data (`read_lock`), so after a crash the tables are either entirely old or entirely new
before anyone reads them, and nothing is left behind.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

JOURNAL = ".dashboard-journal"  # committed: its files are (being) copied into place
PENDING = JOURNAL + ".tmp"  # being written: not committed
RETIRED = JOURNAL + ".old"  # copied into place: being deleted
TEMP_SUFFIX = ".dashboard-tmp"  # a file being copied into place, beside its target
LEGACY_TEMPS = ("*.curate-tmp", "*.curate-restore")  # what the previous write code could leave
WAIT_S = 30.0  # how long a write waits for another one to finish before it is refused


class DataBusy(Exception):
    """Another write holds the lock for longer than we wait."""


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write(path: Path, data: bytes) -> None:
    """Write a file and flush it to disk (one step of a write; tests stop a write at each one)."""
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _rename(source: Path, target: Path) -> None:
    """Rename atomically and flush the folder (one step of a write)."""
    os.replace(source, target)
    _fsync_dir(target.parent)


def _remove(path: Path) -> None:
    """Delete a file or folder (one step of a write)."""
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _open_lock(curated_dir: Path) -> int | None:
    """The folder itself is what is locked (flock works on a folder's descriptor on Linux)."""
    try:
        return os.open(curated_dir, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None  # no data folder: nothing to lock


@contextmanager
def exclusive(curated_dir: Path, seeds_dir: Path, wait_s: float = WAIT_S) -> Iterator[None]:
    """Hold the data folder's write lock (waiting up to `wait_s` for another write to finish), with
    anything a crash left finished or discarded first."""
    fd = _open_lock(curated_dir)
    if fd is None:
        raise DataBusy(f"{curated_dir}:-:-: the data folder is missing: restore it (git checkout -- data/curated)")
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise DataBusy(f"{curated_dir.name}/:-:-: another write to the data has been running for over "
                                   f"{wait_s:.0f} s; nothing was written: try again when it has finished") from None
                time.sleep(0.05)
        recover(curated_dir, seeds_dir)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextmanager
def read_lock(curated_dir: Path, seeds_dir: Path) -> Iterator[None]:
    """Read the data as one version: wait while a write is committing; finish first what a crash left."""
    if (curated_dir / JOURNAL).exists() or (curated_dir / PENDING).exists() or (curated_dir / RETIRED).exists():
        try:
            with exclusive(curated_dir, seeds_dir):
                pass
        except (DataBusy, OSError) as why:  # a long write, or a folder this user may not write to: read as it is
            logging.getLogger(__name__).warning("reading the data without finishing an interrupted write: %s", why)
    fd = _open_lock(curated_dir)
    if fd is None:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)


def _target(entry: dict, curated_dir: Path, seeds_dir: Path) -> Path:
    folder = {"curated": curated_dir, "seeds": seeds_dir}[entry["folder"]]
    name = Path(entry["name"]).name  # a manifest names files of the two folders only
    return folder / name


def commit(files: dict[Path, str], curated_dir: Path, seeds_dir: Path) -> None:
    """Write these files (path -> new text, each in `curated_dir` or `seeds_dir`) all or nothing.
    The caller holds `exclusive(curated_dir, seeds_dir)`."""
    pending = curated_dir / PENDING
    if pending.exists():
        _remove(pending)
    pending.mkdir()
    manifest = []
    for number, (path, text) in enumerate(files.items()):
        folder = "curated" if path.parent == curated_dir else "seeds" if path.parent == seeds_dir else None
        if folder is None:
            raise ValueError(f"{path} is in neither {curated_dir} nor {seeds_dir}")
        blob = f"{number:03d}.blob"
        _write(pending / blob, text.encode("utf-8"))
        manifest.append({"folder": folder, "name": path.name, "blob": blob})
    _write(pending / "manifest.json", json.dumps({"files": manifest}, indent=1).encode("utf-8"))
    _fsync_dir(pending)
    _rename(pending, curated_dir / JOURNAL)  # the write happens here, all at once
    replay(curated_dir, seeds_dir)


def replay(curated_dir: Path, seeds_dir: Path) -> None:
    """Copy every file of the committed journal into place, then retire the journal. Copying a file
    that is already in place changes nothing, so this may run any number of times."""
    journal = curated_dir / JOURNAL
    manifest = json.loads((journal / "manifest.json").read_text(encoding="utf-8"))["files"]
    for entry in manifest:
        target = _target(entry, curated_dir, seeds_dir)
        # named by its blob, not its target: a temporary name built on a long file name passed the
        # file system's 255-byte limit and wedged every later write
        temp = target.with_name(f".{entry['blob']}{TEMP_SUFFIX}")
        _write(temp, (journal / entry["blob"]).read_bytes())
        _rename(temp, target)
    _rename(journal, curated_dir / RETIRED)
    _remove(curated_dir / RETIRED)


def recover(curated_dir: Path, seeds_dir: Path) -> str | None:
    """Finish a committed write or discard an uncommitted one; delete what either left. Returns what
    was done, in words (None: nothing to do). The caller holds the write lock."""
    done = None
    if (curated_dir / PENDING).exists():
        _remove(curated_dir / PENDING)
        done = "discarded a write that a crash interrupted before it was committed"
    if (curated_dir / JOURNAL).exists():
        replay(curated_dir, seeds_dir)
        done = "finished a write that a crash interrupted after it was committed"
    if (curated_dir / RETIRED).exists():
        _remove(curated_dir / RETIRED)
        done = done or "deleted the journal of a finished write"
    for folder in (curated_dir, seeds_dir):
        if folder.is_dir():
            for pattern in (f".*{TEMP_SUFFIX}", *LEGACY_TEMPS):
                for stray in folder.glob(pattern):
                    _remove(stray)
                    done = done or f"deleted {stray.name}, left by an interrupted write"
    return done


def version(curated_dir: Path, seeds_dir: Path) -> tuple:
    """Changes whenever a file of the data changes (name, size, time, inode of every file of both
    folders): a cheap check, once per page run, that another process has written."""
    out = []
    for folder in (curated_dir, seeds_dir):
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if not entry.name.startswith("."):
                        st = entry.stat()
                        out.append((folder.name, entry.name, st.st_size, st.st_mtime_ns, st.st_ino))
        except OSError:
            out.append((str(folder), "missing"))
    return tuple(sorted(out))
