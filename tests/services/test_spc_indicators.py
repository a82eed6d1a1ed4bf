"""Services: an indicator with enough actuals carries its SPC analysis; rebases are recorded on
the indicator with a reason, logged, and split the chart into groups."""

from __future__ import annotations

import pytest

from pbp_desktop.domain.errors import ValidationFailed


def _dtoc(demo):
    return next(i for o in demo.queries.outcome_tree(with_periods=True) for j in o.objectives for i in j.indicators
                if i.code == "DTOC-SAN")


def test_the_demo_dtoc_series_steps_down_at_its_rebases(demo):
    ind = _dtoc(demo)
    assert len(ind.spc.points) == 105 and [r.period for r in ind.rebases] == ["Feb 2015", "Nov 2017"]
    means = [g.mean_col for g in ind.spc.groups]
    assert means == sorted(means, reverse=True) and len(means) == 3
    assert ind.spc.points[0].value == 1729 and ind.spc.variation_icon.endswith(".svg")


def test_a_rebase_is_logged_and_can_be_removed(demo):
    ind = _dtoc(demo)
    changes = demo.indicators.add_rebase(ind.id, "Apr 2019", "A new discharge model")
    assert changes.touches("indicator_rebase")
    assert [g.n for g in _dtoc(demo).spc.groups][-1] == 9
    log = demo.queries.change_log(batch=changes.batch)
    assert {r.field for r in log if r.field} >= {"period", "reason"}
    last = _dtoc(demo).rebases[-1]
    demo.indicators.remove_rebase(last.id, last.version)
    assert len(_dtoc(demo).spc.groups) == 3


def test_rebase_refusals(demo):
    ind = _dtoc(demo)
    with pytest.raises(ValidationFailed, match="already a rebase"):
        demo.indicators.add_rebase(ind.id, "Feb 2015", "again")
    with pytest.raises(ValidationFailed) as info:
        demo.indicators.add_rebase(ind.id, "2016/17", "")
    assert info.value.fields() == {"period", "reason"}


def test_short_series_have_no_spc(demo):
    satod = next(i for o in demo.queries.outcome_tree(with_periods=True) for j in o.objectives for i in j.indicators if i.code == "SATOD")
    assert satod.spc is None
