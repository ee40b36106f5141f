"""The configuration file: defaults as SPEC §4 states them, overrides, and clear errors for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.config import ConfigError, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_match_the_spec() -> None:
    config = load_config()
    assert config.conversion_window_days == 90
    tables = config.tables()
    # SPEC §4.3: M0 = 0; M1 = 1–30; ... M6 = 151–180; M7+ = over 180.
    assert tables["cfg_dpd_buckets"] == [
        ("M0", 0, 0, 0),
        ("M1", 1, 1, 30),
        ("M2", 2, 31, 60),
        ("M3", 3, 61, 90),
        ("M4", 4, 91, 120),
        ("M5", 5, 121, 150),
        ("M6", 6, 151, 180),
        ("M7+", 7, 181, None),
    ]
    # normal = 0; special_mention = 1–90; substandard = 91–270; doubtful = 271–360; loss = over 360.
    assert tables["cfg_five_tier"] == [
        ("normal", 0, 0, 0),
        ("special_mention", 1, 1, 90),
        ("substandard", 2, 91, 270),
        ("doubtful", 3, 271, 360),
        ("loss", 4, 361, None),
    ]
    grades = {g: (low, high) for g, _, low, high in tables["cfg_credit_grades"]}
    assert grades == {
        "AAA": (90, 100),
        "AA": (80, 89),
        "A": (70, 79),
        "BBB": (60, 69),
        "BB": (50, 59),
        "B": (40, 49),
        "CCC": (30, 39),
        "CC": (20, 29),
        "C": (0, 19),
    }
    segments = {(r, fm): s for r, fm, s in tables["cfg_rfm_segments"]}
    assert len(segments) == 25
    assert segments[(5, 1)] == "new" and segments[(1, 5)] == "cant_lose" and segments[(3, 4)] == "loyal"
    assert segments[(2, 3)] == "at_risk" and segments[(4, 1)] == "promising" and segments[(1, 1)] == "lost"
    assert {t for _, _, t in tables["cfg_stage_thresholds"]} == {0.15}
    assert [s for s, _, _ in tables["cfg_stage_thresholds"]] == [
        "contacted",
        "meeting",
        "application",
        "approved",
        "contracted",
        "disbursed",
    ]
    assert config.biweekly_anchor_monday.weekday() == 0
    assert config.retrospective == {"materiality_floor": 1_000_000, "top_findings": 5, "max_per_kind": 3}


def test_an_override_changes_only_its_keys(tmp_path: Path) -> None:
    config = load_config(
        write(tmp_path, "[funnel]\nconversion_window_days = 60\n[funnel.stage_loss_threshold]\nmeeting = 0.3\n")
    )
    assert config.conversion_window_days == 60
    assert config["funnel"]["stage_loss_threshold"]["meeting"] == 0.3
    assert config["funnel"]["stage_loss_threshold"]["approved"] == 0.15
    assert config["rfm"]["window_days"] == 730
    assert config.source == str(tmp_path / "config.toml")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("[funnel]\nconversion_window = 90\n", "funnel.conversion_window"),
        ("[funnel]\nconversion_window_days = 0\n", "funnel.conversion_window_days"),
        ("[funnel]\nconversion_window_days = 'ninety'\n", "funnel.conversion_window_days"),
        ("[funnel.stage_loss_threshold]\nmeeting = 1.5\n", "funnel.stage_loss_threshold.meeting"),
        ("[delinquency]\ndpd_bucket_upper_bounds = [0, 60, 30, 90, 120, 150, 180]\n", "dpd_bucket_upper_bounds"),
        ("[delinquency]\ndpd_bucket_names = ['M0', 'M1']\n", "dpd_bucket_names"),
        ("[delinquency.five_tier_min_dpd]\ndoubtful = 50\n", "five_tier_min_dpd"),
        ("[rfm]\nsegment_grid = [['new']]\n", "rfm.segment_grid"),
        (
            "[rfm]\nsegment_grid = [['vip','new','new','new','new'],['new','new','new','new','new'],"
            "['new','new','new','new','new'],['new','new','new','new','new'],['new','new','new','new','new']]\n",
            "'vip'",
        ),
        ("[rfm.tiers]\ngrowth_min = 6000000\n", "rfm.tiers"),
        ("[targets]\nred_below = 1.5\n", "targets"),
        ("[periods]\nbiweekly_anchor_monday = '2024-01-02'\n", "must be a Monday"),
        ("[early_warning]\nsigmas = -1\n", "early_warning.sigmas"),
        ("[retrospective]\nmateriality_floor = -1\n", "retrospective.materiality_floor"),
        ("[retrospective]\nmateriality_floor = 'a million'\n", "retrospective.materiality_floor"),
        ("[retrospective]\ntop_findings = 2.5\n", "retrospective.top_findings"),
        ("[retrospective]\nmax_per_kind = 0\n", "retrospective.max_per_kind"),
        ("[retrospective]\nfloor = 10\n", "retrospective.floor"),
        ("not toml at all [", "not valid TOML"),
    ],
)
def test_bad_values_are_rejected_with_the_key_named(tmp_path: Path, text: str, names: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as excinfo:
        load_config(path)
    assert names in str(excinfo.value)
    assert str(path) in str(excinfo.value)


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")
