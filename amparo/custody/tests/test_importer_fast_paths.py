"""The facilities import's fast paths give exactly what the plain ones give: the CSV rows
`csv.reader` reads, the names `normalize_facility_name` makes (as its pattern made them), the
county `assign_county` places, the JSON `json.dumps` writes."""

from __future__ import annotations

import csv
import json
import random
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from amparo.core.converters import json_lists_of_one, json_prepper
from amparo.custody.facility_files import _csv_rows, read_sheet
from amparo.custody.facility_sheet import rows_of
from amparo.custody.models import Facility
from amparo.custody.rules import (
    FACILITIES_CSV,
    CountyPlacer,
    assign_county,
    forget_normalised_names,
    names,
    normalize_facility_name,
    normalize_facility_names,
)
from amparo.custody.rules.names import _NAME_ABBREVIATIONS

SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"

# Lines as real and broken sheets have them: quoted commas, a quoted line break, doubled
# quotes, a quote inside an unquoted cell, blank lines, CR LF and lone CR endings, a NUL.
TRICKY = [
    "Name,Address,City,State,Zip,AOR,Type Detailed,Extra,More\r\n",
    '"CASCADE COUNTY JAIL, MT",3800 ULM ROAD,GREAT FALLS,MT,59404,SLC,IGSA,x,"y\r\nz"\r\n',
    "PLAIN,1 MAIN ST,TOWN,TX,77001,HOU,SPC,,\n",
    "\n",
    '"QUOTED ""NAME""",2 ST,CITY,LA,70001,NOL,IGSA,a,b\r',
    'HALF"QUOTE,3 ST,CITY,LA,70001,NOL,IGSA\n',
    "NUL\x00CELL,4 ST,CITY,LA,70001,NOL,IGSA,,\n",
    "SHORT,ROW\n",
    ",,,,,,,,\n",
    "LAST,5 ST,CITY,GA,30301,ATL,BOP,tail,end",
]


def _old_normalize(value: str) -> str:
    """`normalize_facility_name` as it was written before it became one `str.translate`."""
    if not value.isascii():
        value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    text = value.lower().replace("&", " and ").replace("'", "")
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(_NAME_ABBREVIATIONS.get(word, word) for word in words)


def _shipped() -> list[dict[str, str]]:
    with FACILITIES_CSV.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _texts() -> list[str]:
    """Every shipped name, alias and address, and random strings of awkward characters."""
    texts = []
    for row in _shipped():
        texts += [row["name"], row["address"], *row.get("aliases", "").split("|")]
    rng = random.Random(16)
    alphabet = "aZ09 &'-./,()#\t\n\xa0\u2003ÉéñÑçÅ①²" + "".join(_NAME_ABBREVIATIONS)
    texts += ["".join(rng.choices(alphabet, k=rng.randint(0, 30))) for _ in range(2000)]
    return texts


@pytest.mark.parametrize("cut", [-1, 3, 7, 9])
def test_csv_rows_are_the_rows_csv_reader_reads(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "tricky.csv"
    path.write_text("".join(TRICKY), encoding="utf-8", newline="")
    with path.open(newline="", encoding="utf-8") as fh:
        whole = list(csv.reader(fh))
    with path.open(newline="", encoding="utf-8") as fh:
        lines = iter(fh)
        head = _csv_rows(lines, count=2)
        rows = head + _csv_rows(lines, cut)
    assert head == whole[:2]
    assert len(rows) == len(whole) == 10
    for row, full in zip(rows, whole, strict=True):
        if cut < 0 or '"' in ",".join(full) or "\x00" in ",".join(full):
            assert row == full
        else:  # the cells read are the same; the rest is left as one unsplit string
            assert row[:cut] == full[:cut]
            assert (len(row) >= cut) == (len(full) >= cut)
            assert ",".join(row) == ",".join(full)


def test_a_sheet_read_with_its_rows_cut_is_the_sheet_read_whole(tmp_path: Path) -> None:
    """ICE's FY26 sheet (29 columns, quoted commas) and the same with a quoted line break past
    the columns read: the same rows as the checked rows of the whole table."""
    source = SHARED_DATA / "ice_detention_stats_facilities_fy26.csv"
    if not source.exists():
        pytest.skip("shared/data not available")
    text = source.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines[5] = lines[5].rstrip("\n") + ',"a note\nover two lines"\n'
    path = tmp_path / "FY26-quoted.csv"
    path.write_text("".join(lines), encoding="utf-8", newline="")
    with path.open(newline="", encoding="utf-8") as fh:
        whole = list(csv.reader(fh))
    aors = {row[whole[0].index("aor")] for row in whole[1:]}
    sheet = read_sheet(path, aors)
    rows, _header, _above = rows_of(whole, path.name, aors)
    assert sheet.rows == rows
    assert len(rows) == len(whole) - 1


def test_names_are_normalised_as_the_pattern_normalised_them() -> None:
    texts = _texts()
    assert [normalize_facility_name(text) for text in texts] == list(map(_old_normalize, texts))
    forget_normalised_names()
    assert normalize_facility_names(texts) == list(map(_old_normalize, texts))  # with a \n
    plain = [text for text in texts if "\n" not in text and text.isascii()]
    forget_normalised_names()
    assert normalize_facility_names(plain) == list(map(_old_normalize, plain))  # at once
    assert normalize_facility_names(plain) == list(map(_old_normalize, plain))  # remembered
    assert normalize_facility_names([]) == []
    assert normalize_facility_names([""]) == [""]


def test_a_column_normalises_only_the_values_not_seen_before(monkeypatch: Any) -> None:
    """The memo the column-at-a-time path keeps (a second import compares the names the first
    stored): only new values are worked out, and when it would pass its size it starts again."""
    forget_normalised_names()
    worked: list[list[str]] = []
    real = names._normalised_column

    def counted(values: list[str]) -> list[str]:
        worked.append(list(values))
        return real(values)

    monkeypatch.setattr(names, "_normalised_column", counted)
    first = ["STEWART DET CTR", "1 MAIN ST", "STEWART DET CTR"]
    assert normalize_facility_names(first) == [
        "stewart detention center",
        "1 main st",
        "stewart detention center",
    ]
    assert normalize_facility_names(["1 MAIN ST", "Krome SPC"]) == [
        "1 main st",
        "krome service processing center",
    ]
    assert worked == [["STEWART DET CTR", "1 MAIN ST"], ["Krome SPC"]]
    monkeypatch.setattr(names, "_COLUMN_MEMO_SIZE", 3)
    assert normalize_facility_names(["A & B", "1 MAIN ST"]) == ["a and b", "1 main st"]
    assert worked[-1] == ["A & B", "1 MAIN ST"]  # the memo was full: emptied, both worked out
    assert normalize_facility_names(["1 MAIN ST"]) == ["1 main st"]
    assert len(worked) == 3
    forget_normalised_names()
    assert normalize_facility_names(["1 MAIN ST"]) == ["1 main st"]
    assert worked[-1] == ["1 MAIN ST"]


def test_the_county_placer_places_as_assign_county() -> None:
    """Every shipped facility, and each with its name's county word moved, spelled short or
    dropped, its ZIP blank or unknown, its city a military post: the same answer as
    `assign_county`, asked in any order (the placer answers from what it saw before)."""
    cases = []
    for row in _shipped():
        name, city, state, zip_code = row["name"], row["city"], row["state"], row["zip_code"]
        cases += [
            (name, city, state, zip_code),
            (f"{name} ANNEX 7", city, state, zip_code),
            (name.replace("COUNTY", "CO."), city, state, zip_code),
            (name.replace("COUNTY", "").replace("PARISH", ""), city, state, zip_code),
            (f"{name} PARISH", city, state, ""),
            (name, city, state, "00000"),
            (name, "APO", state, zip_code),
        ]
    placer = CountyPlacer()
    rng = random.Random(16)
    for case in [*cases, *rng.sample(cases, len(cases))]:
        name, city, state, zip_code = case
        expected = assign_county(
            name=name, city=city, state=state, zip_code=zip_code, span_notes=False
        )
        assert placer(*case) == expected, case
        assert placer(*case, normalize_facility_name(name)) == expected, case


@pytest.mark.django_db
def test_a_list_of_strings_is_written_as_json_dumps_writes_it() -> None:
    prep = json_prepper(Facility._meta.get_field("aliases"), connection)
    for value in [[], ["ADAMS COUNTY JAIL"], ['a "b"\\', "é\n\x00", "\u2028𝄞"], ["x", "y"]]:
        prepared = prep(value)
        if connection.vendor == "sqlite":
            assert prepared == json.dumps(value)
        assert json.loads(prepared if isinstance(prepared, str) else json.dumps(value)) == value
    mixed = prep(["a", 1])
    if connection.vendor == "sqlite":
        assert mixed == json.dumps(["a", 1])


@pytest.mark.django_db
def test_first_aliases_are_written_as_json_dumps_writes_them() -> None:
    """A column of renamed facilities' first aliases, at once: on SQLite the text
    `json_prepper` gives each list of one; as text for a COPY, `json.dumps`'s text on both."""
    field = Facility._meta.get_field("aliases")
    names = ["ADAMS COUNTY JAIL", 'a "b"\\', "é\n\x00", "\u2028𝄞", ""]
    as_copied = json_lists_of_one(field, connection, text=True)(names)
    assert as_copied == [json.dumps([name]) for name in names]
    assert json_prepper(field, connection, text=True)(["x", "y"]) == json.dumps(["x", "y"])
    prepared = json_lists_of_one(field, connection)(names)
    if connection.vendor == "sqlite":
        assert prepared == [json_prepper(field, connection)([name]) for name in names]
        assert prepared == as_copied
    assert len(prepared) == len(names)
