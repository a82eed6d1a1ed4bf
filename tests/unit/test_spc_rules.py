"""Domain: the SPC rules at their edges - ties, points on the mean, a rebase date not in the
data, a constant series, a one-point group, a fixed baseline, assurance, the MDC Excel option."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pbp_desktop.domain import spc

D0 = date(2020, 1, 1)


def days(n: int) -> list[date]:
    return [D0 + timedelta(days=i) for i in range(n)]


def labels(values, **kw) -> list[str]:
    return [p.special_cause_type for p in spc.analyse(values, days(len(values)), **kw).points]


def test_seven_on_one_side_is_a_shift_and_a_point_on_the_mean_breaks_it():
    base = [10, 12, 9, 11, 10, 12, 9, 11]
    above = [11.5, 11.2, 11.4, 11.3, 11.6, 11.1, 11.5]
    got = labels(base + above, improvement_direction="increase")
    assert got[-7:] == [spc.SHIFT_ABOVE] * 7
    # a point on the mean (sign 0) ends a run, as does a point on the other side
    assert spc._runs([1, 1, 1, 0, 1, 1, 1, 1], 7) == []
    assert spc._runs([-1, 1, 1, 1, 1, 1, 1, 1, 0], 7) == [(1, 7, 1)]


def test_seven_rising_is_a_trend_and_a_tie_breaks_it():
    rising = [1, 2, 3, 4, 5, 6, 7]
    assert labels([4, 3, 5, 4] + rising + [4, 5])[4:11] == [spc.TREND_UP] * 7
    tied = [1, 2, 3, 3, 5, 6, 7]
    assert spc.TREND_UP not in labels([4, 3, 5, 4] + tied + [4, 5])


def test_a_point_shared_by_two_trends_takes_the_direction_to_its_right():
    wide = [4, 12, -4, 12, -4, 12, -4]  # wide moving ranges, so the trends stay inside the limits
    up_then_down = [1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1]
    got = labels(wide + up_then_down, screen_outliers=False)[len(wide):]
    assert got[5] == spc.TREND_UP and got[6] == spc.TREND_DOWN and got[7] == spc.TREND_DOWN


def test_outside_the_limits_beats_every_other_rule():
    values = [10, 11, 10, 9, 10, 11, 10, 9, 10, 30]
    result = spc.analyse(values, days(10), improvement_direction="decrease", target=5)
    last = result.points[-1]
    assert last.special_cause_type == spc.ABOVE_UCL and last.point_type == "special_cause_concern"
    assert result.variation_icon == "concern_high.svg"


def test_a_rebase_date_not_in_the_data_is_ignored():
    values = [5, 6, 5, 7, 6, 5, 6, 7, 5, 6]
    plain = spc.analyse(values, days(10))
    rebased = spc.analyse(values, days(10), rebase=[D0 + timedelta(days=100)])
    assert rebased.groups == plain.groups and len(plain.groups) == 1
    split = spc.analyse(values, days(10), rebase=[D0 + timedelta(days=5)])
    assert [g.n for g in split.groups] == [5, 5] and split.points[5].rebase_group == 1


def test_a_constant_series_has_undefined_limits_and_flags_nothing():
    result = spc.analyse([4.0] * 15, days(15), target=5)
    assert all(p.lpl is None and p.upl is None and not p.special_cause_flag for p in result.points)
    assert result.variation_icon == "common_cause.svg" and result.assurance_type is None


@pytest.mark.parametrize("options", [{"screen_outliers": False}, {"mdc_excel": True}])
def test_a_count_that_never_changes_has_limits_equal_to_its_mean_when_ranges_are_not_screened(options):
    """Issue 19, as NHSRplotthedots 0.2.2's ptd_spc_standard: unscreened, every moving range is 0,
    mR-bar is 0 and both limits equal the mean; nothing is flagged, and the assurance is read
    against those limits. (Screened, the screen keeps ranges strictly below 3.267 x 0, none, and
    the limits are undefined: the test above.)"""
    result = spc.analyse([0.0] * 15, days(15), target=1, improvement_direction="decrease", **options)
    assert all((p.mean_col, p.lpl, p.upl) == (0.0, 0.0, 0.0) for p in result.points)
    assert not any(p.special_cause_flag or p.outside_limits or p.close_to_limits for p in result.points)
    assert result.groups[0].lpl == result.groups[0].upl == 0.0
    assert result.variation_icon == "common_cause.svg" and result.assurance_type == "consistent_pass"
    # a fixed baseline that never changed: a later figure off the mean is outside the limits
    moved = spc.analyse([4.0] * 12 + [4.0, 5.0], days(14), fix_after_n_points=12, **options)
    assert moved.points[-1].special_cause_type == spc.ABOVE_UCL


def test_a_one_point_group_flags_nothing_and_warns():
    values = [5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 50]
    result = spc.analyse(values, days(11), rebase=[D0 + timedelta(days=10)])
    last = result.points[-1]
    assert (last.lpl, last.upl, last.special_cause_flag) == (None, None, False)
    assert result.warnings == (spc.SHORT_WARNING,)


def test_a_fixed_baseline_uses_only_the_first_n_points():
    values = [10.0, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9, 30, 31, 32]
    result = spc.analyse(values, days(15), fix_after_n_points=12)
    assert result.points[0].mean_col == pytest.approx(10.0)
    assert [p.fix_y for p in result.points[12:]] == [None, None, None]
    assert all(p.special_cause_type == spc.ABOVE_UCL for p in result.points[12:])
    with pytest.raises(ValueError):
        spc.analyse(values, days(15), fix_after_n_points=5)


@pytest.mark.parametrize("direction, target, expected", [
    ("increase", 100, "consistent_fail"), ("decrease", 100, "consistent_pass"),
    ("increase", -100, "consistent_pass"), ("decrease", -100, "consistent_fail"),
    ("increase", 10, "inconsistent"), ("neutral", 100, None), ("increase", None, None)])
def test_assurance_against_a_target(direction, target, expected):
    result = spc.analyse([10, 11, 9, 10, 12, 8, 10, 11, 9, 10], days(10), improvement_direction=direction,
                         target=target)
    assert result.assurance_type == expected


def test_neutral_direction_gives_neutral_types():
    values = [10, 11, 10, 9, 10, 11, 10, 9, 10, 30]
    assert spc.analyse(values, days(10), improvement_direction="neutral").variation_icon == "neutral_high.svg"


def test_mdc_excel_option_skips_the_screen_and_counts_points_beyond_the_limits():
    values = [10, 10.5, 9.5, 10, 10.4, 9.6, 10, 10.5, 9.5, 10, 40, 10, 10.2]
    package = spc.analyse(values, days(len(values)))
    excel = spc.analyse(values, days(len(values)), mdc_excel=True)
    assert excel.points[0].upl > package.points[0].upl  # the big jump is not screened out
    edge = [10, 10.2, 9.8, 10.1, 9.9, 10, 10.2, 9.8, 10, 12.2, 13.5, 10]
    base = spc.analyse(edge, days(12), screen_outliers=False)
    mdc = spc.analyse(edge, days(12), mdc_excel=True)
    near_then_out = [p.special_cause_type for p in mdc.points[9:11]]
    assert base.points[9].special_cause_type != near_then_out[0] or near_then_out[1] == spc.ABOVE_UCL


def test_icons_carry_letters():
    assert spc.ICON_LETTERS["pass.svg"] == "P" and spc.ICON_LETTERS["fail.svg"] == "F"
    assert spc.ICON_LETTERS["inconsistent.svg"] == "?" and spc.ICON_LETTERS["improvement_high.svg"] == "H"
