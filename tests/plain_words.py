"""What a reader must never see, and how to collect everything a page shows: shared by the plain-words
tests of pages (AppTest), exports and briefs.

A reader sees names, labels and "Author (date)" citations; never a row id (fig-tucker-011), a table
key (badakhshan_afg, iskp), a document id (tucker), a snake_case column name, an ISO3 code, or
None / nan for a value nobody stated. Link targets are not read (a link may carry ids: a reader sees
its text, not its address)."""

from __future__ import annotations

import json
import re

import pandas as pd

from conftest import repository_corpus
from core.data.schema import TABLES

CORPUS = repository_corpus()
# Ids that are also ordinary words ("attacks", "killed"): a sentence may use them.
ENGLISH = {"attacks", "killed", "wounded", "perpetrators"}

# Ids of every curated table whose ids are not ordinary words a sentence could use.
_IDS = set()
for _name, _table in TABLES.items():
    if _table.key and _name in CORPUS.tables and _name not in ("countries",):
        _IDS |= {str(v) for v in CORPUS[_name][_table.key] if str(v)}
_IDS |= set(CORPUS["indicators"]["indicator"])
_IDS = {i for i in _IDS if "_" in i or not i.isalpha() or i not in ENGLISH}
ISO3 = set(CORPUS["countries"]["iso3"])

ROW_ID = re.compile(r"\b(?:fig|inc|hot|ch|kp|ev)-[a-z0-9_]+-\d+\b")
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b(?!\.csv)")  # a data file's name is not a column
# A missing value shown as such: the whole text, or a value after a colon or in brackets ("None" is
# also an English word a quote or sentence may begin with).
MISSING = re.compile(r"^\s*(?:None|nan|NaN|NaT|<NA>)\s*$|(?:[:(=]\s*|\b(?:is|was|of)\s)(?:None|nan|NaN|NaT|<NA>)\b|"
                     r"(?<![\w-])(?:nan|NaN|NaT|<NA>)(?![\w-])")
# The database's words where a reader's belong: "25 curated rows", "the rows cite", "passage(s)".
DATABASE_WORDS = re.compile(r"\bcurated rows?\b|\bthe rows cite\b|\b\w+\(s\)")
LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")  # [text](target "title")
URL = re.compile(r"https?://[^\s\"'<>)\]]+|(?:\?|/)[^\s\"'<>]*[?=&][^\s\"'<>]*")


def words_of(text: str) -> str:
    """What a reader reads of a Markdown string: link targets and escapes out."""
    return URL.sub(" ", LINK_TARGET.sub("]", str(text).replace("\\", "")))


def problems(text: str, where: str, verbatim: bool = False) -> list[str]:
    """Each internal identifier, snake_case name or missing-value marker in `text`. A verbatim quote
    from a document is checked for ids and codes only in their code form (it may use any word)."""
    text = words_of(text)
    found = []
    for match in ROW_ID.finditer(text):
        found.append(f"row id {match.group()!r}")
    text = ROW_ID.sub(" ", text)
    if not verbatim:
        for match in SNAKE.finditer(text):
            found.append(f"snake_case {match.group()!r}")
        for match in MISSING.finditer(text):
            found.append(f"missing value shown as {match.group()!r}")
        for match in DATABASE_WORDS.finditer(text):
            found.append(f"database wording {match.group()!r}")
        for word in re.findall(r"[A-Za-z][A-Za-z0-9_]*", text):
            if word in _IDS and word.islower():
                found.append(f"id {word!r}")
            elif word in ISO3:
                found.append(f"country code {word!r}")
    return [f"{where}: {p} in {_around(text, p)}" for p in dict.fromkeys(found)]


def _around(text: str, problem: str) -> str:
    token = problem.split("'")[1] if "'" in problem else ""
    at = text.find(token)
    return repr(text[max(0, at - 40): at + len(token) + 40]) if at >= 0 else repr(text[:80])


# --- Collecting what an AppTest page shows ----------------------------------------------------------

TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error",
                 "exception", "toast")


def page_texts(at) -> list[tuple[str, str, bool]]:
    """(where, text, verbatim) for everything the page shows: text elements, widget labels and their
    options, table headers and cells, chart and map text."""
    out: list[tuple[str, str, bool]] = []
    for kind in TEXT_ELEMENTS:
        for el in at.get(kind):
            value = getattr(el, "value", None) or getattr(el.proto, "body", "") or ""
            out.append((kind, str(value), False))
    for kind in ("button", "download_button", "checkbox", "toggle", "text_input", "number_input", "slider",
                 "select_slider", "date_input"):
        for el in at.get(kind):
            out.append((f"{kind} label", str(getattr(el.proto, "label", "")), False))
            out.append((f"{kind} help", str(getattr(el.proto, "help", "")), False))
    for kind in ("selectbox", "multiselect", "radio"):
        for el in at.get(kind):
            out.append((f"{kind} label", el.label, False))
            out.append((f"{kind} help", str(el.help or ""), False))
            out.extend((f"{kind} option", str(o), False) for o in el.options)
    for el in at.get("expander"):
        out.append(("expander", str(el.proto.label), False))
    for el in at.get("metric"):
        out.extend(("metric", str(v), False) for v in (el.label, el.value, getattr(el.proto, "help", "")))
    for el in at.get("page_link"):
        out.append(("page link", str(el.proto.label), False))
        out.append(("page link help", str(el.proto.help), False))
    for el in at.dataframe:
        out.extend(table_texts(el))
    for el in at.get("plotly_chart"):
        out.extend(("chart", t, False) for t in figure_texts(json.loads(el.proto.spec)))
    for el in at.get("deck_gl_json_chart"):
        out.extend(("map", t, False) for t in deck_texts(json.loads(el.proto.json)))
    return out


def table_texts(el) -> list[tuple[str, str, bool]]:
    """A table's visible column headers (their labels where configured) and cells; a missing value
    shows the table's placeholder; a link column shows its display text; a Quote column is verbatim."""
    frame = el.value
    config = json.loads(el.proto.columns or "{}") if getattr(el.proto, "columns", "") else {}
    placeholder = getattr(el.proto, "placeholder", None)
    order = list(el.proto.column_order) or list(frame.columns)
    out = []
    for column in order:
        if column not in frame.columns:
            continue
        conf = config.get(f"name:{column}") or config.get(column) or {}
        if conf.get("hidden"):
            continue
        label = conf.get("label") or str(column)
        out.append(("table column", label, False))
        link_text = (conf.get("type_config") or {}).get("display_text")
        verbatim = label.lower() in VERBATIM
        for value in frame[column].tolist():
            if link_text is not None:
                out.append(("table link", str(link_text), False))
            elif _missing(value):
                out.append(("table cell", str(placeholder) if placeholder is not None else "None", False))
            else:
                out.append((f"table cell ({label})", str(value), verbatim))
    return out


# Columns that hold the documents' own words (quotes, names as the documents write them), and the
# data dictionary's column that documents the files' own column names.
VERBATIM = ("quote", "passage", "what the document says", "text", "in the file", "meaning", "other names",
            "also known as", "context")


def frame_texts(frame: pd.DataFrame) -> list[tuple[str, str, bool]]:
    """(column, text, verbatim) for a downloaded table: each header, then each cell (a blank cell is
    fine: it shows nothing)."""
    out = []
    for column in frame.columns:
        out.append(("column header", str(column), False))
        verbatim = str(column).lower() in VERBATIM
        out.extend((str(column), str(v), verbatim) for v in frame[column].tolist() if str(v).strip())
    return out


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array is not missing
        return False


def figure_texts(spec: dict) -> list[str]:
    """The words a plotly figure draws: titles, axis and legend text, trace names, category labels,
    text, hover text and templates, annotations."""
    figure = spec.get("data", []), spec.get("layout", {})
    out = []
    traces, layout = figure
    for trace in traces:
        out.append(str(trace.get("name", "")))
        for key in ("text", "hovertext", "labels", "x", "y"):
            out.extend(_strings(trace.get(key)))
        templates = " ".join(_strings(trace.get("hovertemplate")) + _strings(trace.get("texttemplate")))
        if "customdata" in templates:  # custom data is shown only where a template names it
            out.extend(_strings(trace.get("customdata")))
        for key in ("hovertemplate", "texttemplate"):
            out.extend(re.sub(r"%\{[^}]*\}|<extra>.*?</extra>", " ", s) for s in _strings(trace.get(key)))
    out.extend(_strings(_get(layout, "title", "text")))
    out.extend(_strings(_get(layout, "legend", "title", "text")))
    for key, value in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(value, dict):
            out.extend(_strings(_get(value, "title", "text")))
            out.extend(_strings(value.get("ticktext")))
    for note in layout.get("annotations", []) or []:
        out.extend(_strings(note.get("text")))
    return [re.sub(r"<[^>]+>", " ", s) for s in out if s]


def deck_texts(spec: dict) -> list[str]:
    """The words a deck shows: its tooltip template filled from each layer's rows, and the text layers."""
    out = []
    tooltip = spec.get("tooltip") or {}
    template = (tooltip.get("text") or tooltip.get("html") or "") if isinstance(tooltip, dict) else ""
    for layer in spec.get("layers", []):
        rows = layer.get("data") if isinstance(layer.get("data"), list) else []
        text_field = layer.get("getText", "")
        text_field = text_field.removeprefix("@@=") if isinstance(text_field, str) else ""
        for row in rows:
            if not isinstance(row, dict):
                continue
            if layer.get("pickable"):
                out.append(re.sub(r"\{(\w+)\}", lambda m: str(row.get(m.group(1), "")), template))
            if text_field in row:
                out.append(str(row[text_field]))
    return [re.sub(r"<[^>]+>", " ", s) for s in out]


def _get(mapping, *keys):
    for key in keys:
        if not isinstance(mapping, dict):
            return None
        mapping = mapping.get(key)
    return mapping


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []
