"""Import: the template's optional lead_rag and lead_reason columns record a lead's assessed RAG
for a period (a reason whenever a RAG), new or beside a figure already there; a blank RAG leaves
the period's as it is; a bad RAG or a missing reason refuses the file, naming row and column."""

from __future__ import annotations

import pytest

from pbp_desktop.domain.enums import Rag
from pbp_desktop.domain.errors import ValidationFailed


def _write(tmp_path, text: str):
    path = tmp_path / "actuals.csv"
    path.write_text("indicator_code,period,value,provisional,note,lead_rag,lead_reason\r\n" + text, encoding="utf-8")
    return path


def _period(demo, code, period):
    ind = next(i for o in demo.queries.outcome_tree(with_periods=True) for j in o.objectives for i in j.indicators
               if i.code == code)
    return next(p for p in ind.periods if p.period == period)


def test_a_leads_rag_comes_in_with_a_new_figure_and_beside_an_unchanged_one(demo, tmp_path):
    path = _write(tmp_path, "SATOD,2025/26,6.1,yes,,G,on course once validated\r\n"
                            "NI 123,Q2 2008/09,288,yes,,green,in line with previous years at this stage\r\n"
                            "NI 131,Q2 2008/09,16.35,no,,,\r\n")
    plan = demo.imports.plan(path)
    assert [r.action for r in plan.rows] == ["new", "changed", "unchanged"]
    assert plan.rows[1].describe() == "lead's RAG set; lead's RAG G: in line with previous years at this stage"
    demo.imports.apply(plan)
    new, beside = _period(demo, "SATOD", "2025/26"), _period(demo, "NI 123", "Q2 2008/09")
    assert (new.assessed_rag, new.assessed_reason) == (Rag.GREEN, "on course once validated")
    assert (beside.actual, beside.assessed_rag, beside.rag) == (288, Rag.GREEN, Rag.AMBER)  # the computed RAG stands
    assert _period(demo, "NI 131", "Q2 2008/09").assessed_rag is None


@pytest.mark.parametrize("rag, reason, column, words", [
    ("purple", "why", "lead_rag", "is not a RAG"),
    ("R", "", "lead_reason", "needs its reason"),
])
def test_a_bad_leads_rag_or_no_reason_refuses_the_file(demo, tmp_path, rag, reason, column, words):
    plan = demo.imports.plan(_write(tmp_path, f"SATOD,2025/26,6.1,,,{rag},{reason}\r\n"))
    (row,) = plan.errors
    assert (row.row, row.column) == (2, column) and words in row.reason
    with pytest.raises(ValidationFailed):
        demo.imports.apply(plan)
