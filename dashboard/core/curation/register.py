"""Registering a document: its text read from a .txt, .md or .pdf file, its metadata (a title from
its first line when none is given, marked for review), and the checks that refuse a document we
cannot add (empty, not UTF-8, NUL bytes or other binary content, a doc_id or text we already have)
or flag one to read with care (not in English). Errors are CurationError with plain sentences
naming file, row and column."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from core.data.quotes import Document, normalise
from core.data.schema import TABLES

DOC_KINDS = TABLES["documents"].column("kind").allowed
# Bounded work: proposing takes about 1.5 s per 100,000 characters (scripts/benchmark_curation.py
# --sizes), so a document may have up to half a million characters (about 200 pages; our longest
# has 51,000), from a file of up to MAX_FILE_MB (a PDF with pictures is much larger than its text).
MAX_DOCUMENT_CHARS = 500_000
MAX_FILE_MB = 20  # also the curator server's server.maxUploadSize (scripts/run.sh)
_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")


class CurationError(Exception):
    """A refusal the curator can act on: one or more plain sentences (file:row:column: message)."""

    def __init__(self, messages: list[str] | str):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("\n".join(self.messages))


@dataclass
class DocumentMeta:
    doc_id: str
    title: str = ""
    authors: str = ""
    publisher: str = ""
    published: str = "unknown"
    kind: str = "policy report"
    file: str = ""
    note: str = ""
    registered: bool = False  # already in documents.csv and seeds/ (proposing more rows for it)
    published_basis: str = ""  # "stated" when the curator gives the document's own date
    published_text: str = ""
    to_review: list[str] = field(default_factory=list)  # what the curator should check ("title: the first line")

    def __post_init__(self):
        if self.published not in ("", "unknown") and not self.published_basis:
            self.published_basis = "stated"  # a date the curator types is the one the document prints

    def row(self) -> dict:
        return {c: getattr(self, c) for c in TABLES["documents"].column_names}


def read_document(path: Path, data: bytes | None = None) -> str:
    """The text of a .txt, .md or .pdf file (`data` = its bytes when uploaded)."""
    name = Path(path).name
    suffix = Path(path).suffix.lower()
    if suffix not in (".pdf", ".txt", ".md"):
        raise CurationError(f"{name}:-:-: only .txt, .md and .pdf documents can be added (this is '{suffix or 'no extension'}')")
    size = len(data) if data is not None else Path(path).stat().st_size
    if size > MAX_FILE_MB * 1024 * 1024:
        raise CurationError(f"{name}:-:-: the file is {size / 1024 / 1024:,.1f} MB; a document may be at most "
                            f"{MAX_FILE_MB} MB: split it into parts and add each part as its own document")
    raw = data if data is not None else Path(path).read_bytes()
    if suffix == ".pdf":
        text = _pdf_text(name, raw)
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = raw[: err.start].count(b"\n") + 1
            raise CurationError(f"{name}:{line}:-: the file is not UTF-8 (byte 0x{raw[err.start]:02x} cannot be "
                                "decoded); save it as UTF-8 and try again") from None
    if not text.strip():
        raise CurationError(f"{name}:-:-: the document is empty (no text{' could be extracted from the PDF' if suffix == '.pdf' else ''})")
    check_text(name, text)
    text = text.replace("\r\n", "\n")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise CurationError(f"{name}:-:-: the document has {len(text):,} characters; a document may have at most "
                            f"{MAX_DOCUMENT_CHARS:,} characters (about 200 pages): split it into parts and add each "
                            "part as its own document")
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def check_text(name: str, text: str) -> None:
    """Refuse text that is not a document's words: NUL bytes, or control characters (binary content
    that happens to decode as UTF-8)."""
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise CurationError(f"{name}:{line}:-: the file holds NUL bytes ({text.count(chr(0)):,} of them): it is binary "
                            "content, not text; export the document as plain text (UTF-8) and try again")
    controls = _CONTROL.findall(text)
    if len(controls) > max(2, len(text) // 200):
        raise CurationError(f"{name}:-:-: {len(controls):,} control characters in {len(text):,}: this looks like binary "
                            "content, not text; export the document as plain text (UTF-8) and try again")


def first_line_title(text: str) -> str:
    """The document's first line with words, as a title ('# ' and emphasis marks removed, at most 200 characters)."""
    for line in text.splitlines():
        words = re.sub(r"^\s*#+\s*|[*_]{1,3}", "", line).strip()
        if re.search(r"[^\W\d_]", words):
            return words[:200].rstrip()
    return ""


# Short words that make up much of any English text; a document with few of them is not in English.
ENGLISH_WORDS = frozenset("the of and to in a is that for on was with as by at from it said were are has have its be "
                          "which their had this an or not who they his been after".split())


def language_flag(text: str) -> str:
    """'' for a text in English; else a sentence saying why it does not look like English (the rules
    that propose rows read English: such a document is flagged before proposing)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 20:
        return ""
    latin = sum(w.isascii() for w in words) / len(words)
    english = sum(w in ENGLISH_WORDS for w in words) / len(words)
    if latin >= 0.8 and english >= 0.12:
        return ""
    script = "mostly in Cyrillic" if sum(bool(re.match(r"[\u0400-\u04ff]", w)) for w in words) > len(words) / 2 else \
        f"not in English ({english:.0%} common English words)"
    return (f"the document is {script}: the proposals read English (keywords, names, qualifiers), so expect few "
            "indicators and subjects, and check every qualifier and number against the text")


def _pdf_text(name: str, raw: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        return "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)
    except (PdfReadError, ValueError, OSError) as err:
        raise CurationError(f"{name}:-:-: the PDF cannot be read ({err})") from None


def fingerprint(text: str) -> str:
    """Same text after normalising whitespace, quote marks and case -> same fingerprint."""
    return hashlib.sha256(normalise(text).lower().encode("utf-8")).hexdigest()


def check_new_document(meta: DocumentMeta, text: str, documents: pd.DataFrame, texts: dict[str, Document],
                       seeds_dir: Path) -> list[str]:
    """Why this document cannot be registered as new (empty list: it can)."""
    problems = []
    if not _ID.match(meta.doc_id):
        problems.append(f"documents.csv:-:doc_id: '{meta.doc_id}' is not a valid doc_id (lower-case letters, digits and _)")
    rows = documents.astype(str).to_dict("records")
    for line, row in enumerate(rows, start=2):
        if row["doc_id"] == meta.doc_id:
            problems.append(f"documents.csv:{line}:doc_id: doc_id '{meta.doc_id}' is already used by \"{row['title']}\"; "
                            "choose another doc_id")
        if meta.file and row["file"] == meta.file:
            problems.append(f"documents.csv:{line}:file: seeds/{meta.file} is already the file of '{row['doc_id']}'")
    mine = fingerprint(text)
    for doc_id, doc in texts.items():
        if fingerprint(doc.text) == mine:
            problems.append(f"seeds/:-:-: this text is the same as document '{doc_id}' already registered; it is not added twice")
    if meta.file and (seeds_dir / meta.file).exists() and not any(r["file"] == meta.file for r in rows):
        problems.append(f"seeds/{meta.file}:-:-: a file of that name is already in seeds/")
    if not meta.title.strip():
        problems.append("documents.csv:-:title: give the document's title as printed")
    if meta.kind not in DOC_KINDS:
        problems.append(f"documents.csv:-:kind: '{meta.kind}' is not one of: {', '.join(DOC_KINDS)}")
    return problems


def new_document(doc_id: str, text: str, source_name: str, title: str = "", published: str = "", **fields) -> DocumentMeta:
    """The metadata of a document to register: what the curator gives, else the title from the first
    line, the date from the dateline and the kind from whether it opens with a city's dateline (news),
    each marked for review (DocumentMeta.to_review). Raises CurationError for a published date that
    is not a date."""
    from core.curation.calendar import check_published, read_dateline

    review = []
    line = read_dateline(text)
    title = (title or "").strip()
    if not title:
        title = first_line_title(text)
        review.append(f"title: taken from the document's first line ({title}); correct the title if it is not as printed")
    published = (published or "").strip()
    if published:
        problem = check_published(published)
        if problem:
            raise CurationError(f"documents.csv:-:published: {problem}")
    else:
        if line and line.date:
            published = line.date
            review.append(f"published: {published}, read from the dateline '{line.text}'; correct the date if it is wrong")
        else:
            published = "unknown"
            review.append("published: unknown (no date given and no dated dateline); relative dates "
                          "('Friday', 'last month') cannot be resolved")
    if not fields.get("kind"):  # a report that opens with a city's dateline ("DUSHANBE --") is news
        fields["kind"] = "news article" if line and line.place else "policy report"
        review.append(f"kind: {fields['kind']}, " + (f"as it opens with the dateline '{line.text}'" if line and line.place
                                                    else "the default, as it does not open with a city's dateline") + "; correct the kind if it is not")
    flag = language_flag(text)
    if flag:
        review.append(f"language: {flag}")
    return DocumentMeta(doc_id, title, published=published, file=seed_file_name(doc_id, source_name), to_review=review,
                        **{k: v for k, v in fields.items() if v is not None})


MAX_STEM = 80  # characters of a document's file name in seeds/ (a file system takes 255 bytes)


def seed_file_name(doc_id: str, source_name: str) -> str:
    """The document's file in seeds/: its upload's name in lower case and hyphens, at most MAX_STEM
    characters (cut at a hyphen where one is near), or its doc_id."""
    stem = re.sub(r"[^a-z0-9]+", "-", Path(source_name).stem.lower()).strip("-") or doc_id
    if len(stem) > MAX_STEM:
        cut = stem[:MAX_STEM]
        stem = (cut.rsplit("-", 1)[0] if "-" in cut[MAX_STEM // 2:] else cut).strip("-")
    return f"{stem}.txt"


