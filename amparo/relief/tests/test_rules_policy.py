"""Enforcement-priority regimes by date and assessment arguments, as pure rules over the
regimes Amparo ships (relief/policy_regimes.py; DOMAIN.md §6, §9)."""

from __future__ import annotations

import datetime
import itertools

import pytest

from amparo.relief import rules
from amparo.relief.policy_regimes import DEFAULT_POLICY_REGIMES

D = datetime.date


def shipped() -> list[rules.RegimeRecord]:
    return [
        rules.RegimeRecord(
            slug=row["slug"],
            name=row["name"],
            authority=row["authority"],
            effective_from=D.fromisoformat(row["effective_from"]),
            effective_to=D.fromisoformat(row["effective_to"]) if row["effective_to"] else None,
            source=row["source"],
            factors=tuple(
                rules.RegimeFactor(f["key"], f["label"], f["kind"], f["citation"])
                for f in row["factors"]
            ),
        )
        for row in DEFAULT_POLICY_REGIMES
    ]


def slug_on(day: D) -> str | None:
    regime = rules.regime_on(day, shipped()).regime
    return regime.slug if regime else None


def test_march_2025_is_governed_by_eo_14159_not_the_2021_guidelines() -> None:
    """DOMAIN.md §9: a spring-2025 press account said ICE prioritised threats 'under the Biden
    administration'; wrong — EO 14159 (90 FR 8443) governed from 2025-01-20."""
    answer = rules.regime_on(D(2025, 3, 8), shipped())
    assert answer.found
    assert [r.slug for r in answer.regimes] == ["eo-14159"]
    assert "14159" in answer.message and "90 FR 8443" in answer.message
    assert "Guidelines" not in answer.regime.name  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("day", "slug"),
    [
        (D(2021, 1, 20), "eo-13993-interim"),  # EO 13993 signed (86 FR 7051)
        (D(2021, 11, 28), "eo-13993-interim"),
        (D(2021, 11, 29), "dhs-guidelines-2021"),  # Guidelines effective
        (D(2022, 6, 9), "dhs-guidelines-2021"),
        (D(2023, 6, 23), "dhs-guidelines-2021-reinstated"),  # United States v. Texas decided
        (D(2023, 7, 25), "dhs-guidelines-2021-reinstated"),  # Supreme Court judgment issued
        (D(2024, 10, 1), "dhs-guidelines-2021-reinstated"),
        (D(2025, 1, 19), "dhs-guidelines-2021-reinstated"),
        (D(2025, 1, 20), "eo-14159"),  # EO 14159 signed
    ],
)
def test_regime_boundaries(day: D, slug: str) -> None:
    """DOMAIN.md §6 timeline: reinstated after United States v. Texas, 599 U.S. 670
    (2023-06-23)."""
    assert slug_on(day) == slug


@pytest.mark.parametrize(
    "day",
    [
        D(2022, 6, 10),  # Texas v. United States (S.D. Tex.) vacated the Guidelines
        D(2023, 1, 15),
        D(2023, 6, 22),  # the day before United States v. Texas was decided
    ],
)
def test_the_vacatur_gap_answers_none_recorded_not_a_guess(day: D) -> None:
    answer = rules.regime_on(day, shipped())
    assert not answer.found and answer.regime is None
    assert answer.message.startswith(f"No enforcement-priority regime is recorded for {day}.")
    assert answer.previous is not None and answer.previous.slug == "dhs-guidelines-2021"
    assert answer.following is not None
    assert answer.following.slug == "dhs-guidelines-2021-reinstated"
    assert "ended on 2022-06-09" in answer.message
    assert "began on 2023-06-23" in answer.message
    assert "does not guess" in answer.message


def test_before_the_first_record_says_where_the_records_begin() -> None:
    answer = rules.regime_on(D(2019, 5, 1), shipped())
    assert not answer.found
    assert "records begin on 2021-01-20" in answer.message
    assert answer.previous is None


def test_with_no_records_at_all_the_answer_is_still_clear() -> None:
    answer = rules.regime_on(D(2025, 3, 8), [])
    assert not answer.found
    assert "No enforcement-priority regime is recorded for 2025-03-08." in answer.message


def test_overlapping_records_are_all_reported_and_the_latest_governs() -> None:
    base = rules.RegimeRecord("A", "x", D(2020, 1, 1), None, "src A", slug="a")
    later = rules.RegimeRecord("B", "y", D(2020, 6, 1), D(2020, 12, 31), "src B", slug="b")
    answer = rules.regime_on(D(2020, 7, 1), [later, base])
    assert [r.slug for r in answer.regimes] == ["a", "b"]
    assert answer.regime is later


def test_shipped_regimes_do_not_overlap_and_each_cites_a_source() -> None:
    records = sorted(shipped(), key=lambda r: r.effective_from)
    for before, after in itertools.pairwise(records):
        assert before.effective_to is not None and before.effective_to < after.effective_from
    assert all(r.source and r.authority for r in records)


# --- assessment -------------------------------------------------------------------------------

GUIDELINES = next(r for r in shipped() if r.slug == "dhs-guidelines-2021-reinstated")
EO_14159 = next(r for r in shipped() if r.slug == "eo-14159")


def test_argument_cites_212_5_b_categories_with_their_evidence() -> None:
    """8 CFR 212.5(b)(5): continued detention not in the public interest."""
    argument = rules.assessment_argument(
        factors={
            "212.5(b)(5)": {"applies": True, "evidence": "US-citizen wife due on 2025-03-18"},
            "212.5(b)(1)": {"applies": False, "evidence": ""},
        },
        regime=EO_14159,
        on=D(2025, 3, 9),
    )
    text = " ".join(argument.paragraphs)
    assert "INA § 212(d)(5)(A)" in argument.paragraphs[0]
    assert (
        "Our client falls within 8 CFR 212.5(b)(5): people whose continued detention is not in "
        "the public interest. US-citizen wife due on 2025-03-18." in text
    )
    assert "212.5(b)(1)" not in text


def test_a_2025_argument_cites_eo_14159_and_never_the_2021_guidelines() -> None:
    """DOMAIN.md §9: a request for a 2025 decision must cite the regime of its date."""
    argument = rules.assessment_argument(
        factors={"212.5(b)(5)": {"applies": True, "evidence": "Birth of a child."}},
        regime=EO_14159,
        on=D(2025, 3, 9),
    )
    text = " ".join(argument.paragraphs)
    assert "On 2025-03-09 the regime in force was EO 14159" in text
    assert "90 FR 8443" in text
    assert "Guidelines" not in text
    assert "does not rely on one" in text


def test_under_the_guidelines_the_argument_says_the_client_is_not_a_priority() -> None:
    argument = rules.assessment_argument(
        factors={
            "national-security": {"applies": False, "evidence": "No record of any kind"},
            "public-safety": {"applies": False, "evidence": "No arrests or convictions"},
            "border-security": {"applies": False, "evidence": "LPR since 2013"},
            "family-impact": {"applies": True, "evidence": "primary caregiver of two children"},
            "212.5(b)(5)": {"applies": True, "evidence": "Birth of a child."},
        },
        regime=GUIDELINES,
        on=D(2024, 5, 2),
    )
    text = " ".join(argument.paragraphs)
    assert "falls within none of its priorities" in text
    assert "(No arrests or convictions)" in text
    assert "mitigating factors: impact of removal on family" in text
    assert "primary caregiver of two children" in text
    assert argument.cautions == []


def test_cautions_flag_a_priority_that_applies_and_priorities_not_assessed() -> None:
    argument = rules.assessment_argument(
        factors={"public-safety": {"applies": True, "evidence": "2019 conviction"}},
        regime=GUIDELINES,
        on=D(2024, 5, 2),
    )
    cautions = " ".join(argument.cautions)
    assert "address it directly" in cautions
    assert "Priority not assessed" in cautions
    assert "No 8 CFR 212.5(b) category" in cautions


def test_no_regime_recorded_is_a_caution_not_a_citation() -> None:
    argument = rules.assessment_argument(
        factors={"212.5(b)(2)": {"applies": True, "evidence": "Certified pregnant."}},
        regime=None,
        on=D(2023, 1, 15),
    )
    assert "No enforcement-priority regime is recorded for 2023-01-15" in argument.cautions[0]
    assert not any("regime in force" in p for p in argument.paragraphs)


def test_assessment_errors_name_the_factor() -> None:
    errors = rules.assessment_errors(
        {
            "212.5(b)(9)": {"applies": True, "evidence": "x"},
            "212.5(b)(1)": {"applies": True, "evidence": " "},
            "212.5(b)(2)": {"applies": "yes"},
            "public-safety": {"applies": False, "evidence": ""},
        },
        EO_14159,
    )
    assert set(errors) == {"212.5(b)(9)", "212.5(b)(1)", "212.5(b)(2)", "public-safety"}
    assert "Say what evidence" in errors["212.5(b)(1)"][0]
    assert rules.assessment_errors({"public-safety": {"applies": False}}, GUIDELINES) == {}
