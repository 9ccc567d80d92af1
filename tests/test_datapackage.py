"""The curated tables as a Frictionless Data Package: generated from core.data.schema, never stale,
valid under the frictionless validator, and strict enough to catch broken rows."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from frictionless import Package

from core.data import datapackage
from core.data.paths import CURATED_DIR
from core.data.schema import TABLES
import validate


def frictionless_errors(folder) -> list[tuple]:
    """(resource, row, field, error type) for every error the frictionless validator reports."""
    report = Package(str(folder / "datapackage.json")).validate()
    return [(task.name, *row) for task in report.tasks for row in task.flatten(["rowNumber", "fieldName", "type"])] + \
        [("package", None, None, e.type) for e in report.errors]


def test_datapackage_json_is_generated_from_the_schema_and_not_stale():
    on_disk = (CURATED_DIR / "datapackage.json").read_text(encoding="utf-8")
    assert on_disk == datapackage.descriptor_text(CURATED_DIR), (
        "data/curated/datapackage.json is stale: run python dashboard/validate.py --update-datapackage")


def test_curated_package_passes_the_frictionless_validator():
    assert frictionless_errors(CURATED_DIR) == []


def test_package_describes_every_table_column_key_and_document():
    package = json.loads((CURATED_DIR / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == list(TABLES)
    for name, table in TABLES.items():
        schema = resources[name]["schema"]
        with open(CURATED_DIR / table.file, newline="", encoding="utf-8") as f:
            header = next(csv.reader(f))
        assert [fd["name"] for fd in schema["fields"]] == header  # the files' own column order
        assert schema.get("primaryKey") == ([table.key] if table.key else None)
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    with open(CURATED_DIR / "documents.csv", newline="", encoding="utf-8") as f:
        doc_ids = [row["doc_id"] for row in csv.DictReader(f)]
    assert len(package["sources"]) == len(doc_ids)
    assert all(f"doc_id: {d};" in s["title"] for d, s in zip(doc_ids, package["sources"]))


@pytest.mark.parametrize("table, row, column, value, error", [
    ("incidents", 0, "kind", "picnic", "constraint-error"),                 # not an allowed value
    ("figures", 0, "doc_id", "", "constraint-error"),                       # required value blank
    ("incidents", 0, "place_id", "atlantis", "foreign-key"),                # unknown place
    ("places", 0, "lat", "123.5", "constraint-error"),                      # latitude out of range
    ("incidents", 0, "killed", "many", "type-error"),                       # not a whole number
    ("figures", 0, "period_start", "March 2021", "constraint-error"),       # not an ISO date
    ("groups", 1, "group_id", "iskp", "primary-key"),                       # the first row's id again
])
def test_the_package_catches_a_broken_row(scratch, table, row, column, value, error):
    datapackage.write(scratch.curated)
    line = scratch.set(table, row, column, value)
    errors = frictionless_errors(scratch.curated)
    # keys are row-level errors (no field name); the others name the column
    assert any(e[:2] == (table, line) and e[2] in (column, None) and e[3] == error for e in errors), errors


def test_validate_writes_the_package_for_another_data_folder(scratch):
    (scratch.curated / "datapackage.json").unlink()
    assert validate.main(["--data", str(scratch.curated), "--update-datapackage"]) == 0
    assert (scratch.curated / "datapackage.json").read_text(encoding="utf-8") == \
        datapackage.descriptor_text(scratch.curated)


def test_zip_holds_descriptor_tables_readme_and_licence_and_validates(tmp_path):
    data = datapackage.package_zip(CURATED_DIR)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        folder = datapackage.NAME + "/"
        assert names == {folder + n for n in ["datapackage.json", "README.md", "LICENSE.md",
                                              *(t.file for t in TABLES.values())]}
        for table in TABLES.values():
            assert z.read(folder + table.file) == (CURATED_DIR / table.file).read_bytes()
        assert "CC BY 4.0" in z.read(folder + "LICENSE.md").decode()
        readme = z.read(folder + "README.md").decode()
        assert "#### `figures.csv`" in readme and "data/curated/" not in readme  # paths as in the ZIP
        z.extractall(tmp_path)
    assert frictionless_errors(tmp_path / datapackage.NAME) == []


def test_data_page_offers_the_package_zip_built_on_click():
    from app_paths import open_tab, run_page
    at = open_tab(run_page("data"), "Download")
    button = next(b for b in at.get("download_button") if b.proto.label == "Download the data package (ZIP)")
    assert button.proto.deferred_file_id and not button.proto.url  # the ZIP is built only when clicked
