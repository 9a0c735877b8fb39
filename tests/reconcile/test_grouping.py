"""Grouping claims into series: membership, roles, theatres, natures and their reasons."""

from __future__ import annotations

import pytest

from counterclaim.errors import InputError
from counterclaim.reconcile import build_series, load_settings

from builders import claim, kursk_claims


def by_id(series_list):
    return {s.id: s for s in series_list}


def test_kursk_casualties_series_holds_every_claim_with_a_reason(settings):
    series = by_id(build_series(kursk_claims(), settings))
    casualties = series["kp-casualties-kursk-oblast-cumulative"]
    roles = {m.claim.id: m.role for m in casualties.members}
    assert roles == {"gur-30": "figure", "officer-200": "figure", "us-hundreds": "figure",
                     "jcs-1100": "figure", "zelensky-3000": "figure",
                     "deployed": "context", "jcs-9pct": "context"}
    officer = next(m for m in casualties.members if m.claim.id == "officer-200")
    assert "names no place; every placed claim about KP forces lies in Kursk Oblast" in officer.reason
    assert "period not stated, read as cumulative" in officer.reason
    gur = next(m for m in casualties.members if m.claim.id == "gur-30")
    assert "placed in Vorozhba, which lies in Kursk Oblast" in gur.reason
    classes = {m.claim.id: m.claimant_class for m in casualties.members}
    assert classes["zelensky-3000"] == "enemy" and classes["jcs-1100"] == "third_party"
    assert classes["deployed"] == "document"
    assert set(series) == {"kp-casualties-kursk-oblast-cumulative", "kp-deployed-kursk-oblast-stock"}


def test_undated_claims_take_the_documents_latest_date_or_its_published_date(settings):
    records = [claim("killed", 10, said_on="2024-03-02", claim_id="a"),
               claim("killed", 12, said_on=None, claim_id="b"),
               claim("killed", 14, said_on=None, doc="other", published="2024-03-09",
                     claim_id="c"),
               claim("killed", 15, said_on=None, doc="lonely", claim_id="d")]
    (series,) = build_series(records, settings)
    dated = {m.claim.id: (m.claim.date.isoformat() if m.claim.date else None, m.claim.date_basis)
             for m in series.members}
    assert dated == {"a": ("2024-03-02", "said_on"),
                     "b": ("2024-03-02", "latest dated statement in the document"),
                     "c": ("2024-03-09", "published"), "d": (None, "undated")}
    assert [m.claim.id for m in series.counted()] == ["a", "b", "c"]


def test_parts_bound_the_total_and_form_their_own_series(settings):
    records = [claim("casualties", 100, claim_id="total"), claim("killed", 40, claim_id="k")]
    series = by_id(build_series(records, settings))
    casualties = series["kp-casualties-all-theatres-cumulative"]
    assert {m.claim.id: m.role for m in casualties.members} == {"total": "figure", "k": "bound"}
    assert "a part of casualties: its figure is a lower bound on the total" in casualties.members[1].reason
    assert [m.claim.id for m in series["kp-killed-all-theatres-cumulative"].members] == ["k"]


def test_theatres_periods_and_subjects_split_series(settings):
    records = [
        claim("killed", 10, place="Pokrovsk", claim_id="donetsk"),
        claim("killed", 20, place="Sudzha", claim_id="kursk"),
        claim("killed", 30, claim_id="unplaced"),
        claim("killed", 5, period="24h", place="Pokrovsk", claim_id="daily"),
        claim("killed", 7, subject="RU", claim_id="russian"),
    ]
    series = {s.id: [m.claim.id for m in s.members] for s in build_series(records, settings)}
    assert series == {
        "kp-killed-donetsk-oblast-cumulative": ["donetsk"],
        "kp-killed-kursk-oblast-cumulative": ["kursk"],
        "kp-killed-all-theatres-cumulative": ["unplaced"],
        "kp-killed-donetsk-oblast-per-day": ["daily"],
        "ru-killed-all-theatres-cumulative": ["russian"],
    }


def test_a_statement_repeated_by_two_documents_is_an_echo(settings):
    records = [claim("killed", 10, doc="one", claim_id="first"),
               claim("killed", 10, doc="two", claim_id="again")]
    (series,) = build_series(records, settings)
    assert [(m.claim.id, m.role) for m in series.members] == [("first", "figure"), ("again", "echo")]
    assert series.members[1].reason.startswith("repeats claim first")
    assert [m.claim.id for m in series.counted()] == ["first"]


def test_equipment_series_split_by_unit(settings):
    records = [claim("equipment", 3, unit="tanks", claim_id="t"),
               claim("equipment", 9, unit="drones", claim_id="d")]
    assert sorted(s.id for s in build_series(records, settings)) == [
        "kp-equipment-drones-all-theatres-cumulative", "kp-equipment-tanks-all-theatres-cumulative"]


def test_claimant_classes_follow_the_sides_of_the_conflict(settings):
    records = [claim("killed", 1, claimant="Russian MoD", claimant_country="RU", claim_id="own"),
               claim("killed", 2, claimant="Kyiv", claimant_country="UA", claim_id="enemy"),
               claim("killed", 3, claimant="Seoul", claimant_country="KR", claim_id="third"),
               claim("killed", 4, claimant="A newspaper", kind="media", claimant_country="UA",
                     claim_id="media"),
               claim("killed", 5, claimant="Someone", claimant_country=None, claim_id="unknown"),
               claim("killed", 6, claimant=None, claim_id="document")]
    (series,) = build_series(records, settings)
    assert {m.claim.id: m.claimant_class for m in series.members} == {
        "own": "own_side", "enemy": "enemy", "third": "third_party", "media": "third_party",
        "unknown": "unknown", "document": "document"}


def test_a_user_file_overrides_rules_and_weights(tmp_path):
    config = tmp_path / "mine.toml"
    config.write_text('[theatres]\n"Kursk front" = ["Vorozhba", "Kursk"]\n'
                      '[classes.enemy]\nweight = 2.0\n', "utf-8")
    settings = load_settings(config)
    assert settings.classes["enemy"].weight == 2.0
    assert settings.classes["enemy"].credible is False  # untouched keys keep their defaults
    ids = {s.id for s in build_series(kursk_claims(), settings)}
    assert "kp-casualties-kursk-front-cumulative" in ids


@pytest.mark.parametrize("text, message", [
    ("[classes.enemy]\nweight = -1\n", "classes.enemy.weight must be a positive number"),
    ("[families.x]\ntotal = \"bodies\"\n", "families.x: unknown categories ['bodies']"),
    ("not toml [", "not valid TOML"),
])
def test_a_bad_user_file_names_itself(tmp_path, text, message):
    config = tmp_path / "bad.toml"
    config.write_text(text, "utf-8")
    with pytest.raises(InputError) as err:
        load_settings(config)
    assert str(config) in str(err.value) and message in str(err.value)


@pytest.mark.parametrize("record, message", [
    (claim("killed", None, claim_id="x"), "claim x: quantity has neither low nor high"),
    (claim("killed", "many", claim_id="y"), "claim y: quantity.low is not a number: 'many'"),
    (claim("killed", float("nan"), claim_id="z"), "claim z: quantity.low is not a non-negative"),
])
def test_unusable_records_raise_input_errors_naming_the_claim(settings, record, message):
    with pytest.raises(InputError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        build_series([record], settings)
