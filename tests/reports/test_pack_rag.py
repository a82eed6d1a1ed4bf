"""Reports: the RAG convention in force printed in the scorecard's key, read back with pypdf under
each convention; a red hidden by 'provisional counts as amber' printed beside the amber; out of
date and target date passed on the scorecard and the indicator pages; the MDC trend wording."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _text(reg) -> str:
    pdf = reg.packs.preview(reg.packs.resolve_meeting("next"), "private",
                            sections=("summary", "scorecard", "indicators"))
    return squash("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def test_the_key_prints_the_convention_in_force_under_each_convention(demo):
    ni123 = next(i for o in demo.queries.outcome_tree(with_periods=True) for j in o.objectives
                 for i in j.indicators if i.code == "NI 123")
    demo.indicators.update_actual(ni123.latest.actual_id, {"assessed_rag": "green", "assessed_reason": "on profile"},
                                  ni123.latest.actual_version)
    seed = _text(demo)
    assert squash("Lead's assessment: G \u2014 on profile (differs from the computed A)") in seed  # the scorecard
    assert squash("Lead's assessment G \u2014 on profile (differs from the computed A)") in seed  # the page's facts
    assert squash("Convention in force: Provisional counts as amber: a provisional or incomplete figure is rated "
                  "Amber whatever it shows (AMBER = incomplete performance data / within planned trajectory)") in seed
    assert squash("provisional; R on the figure (288 against a plan of 508)") in seed  # NI 123's cell
    assert squash("target date passed: missed by 3.5 percentage points") in seed  # SATOD
    assert "OUTOFDATE" in seed and squash("too few points for a trend") in seed
    assert squash("Trend follows Making Data Count") in seed and "comparesthelatesttwo" not in seed
    assert squash("NR Not rated") in seed  # DTOC-SAN: figures, no plan or target
    assert squash("RAG convention in force: Provisional counts as amber") in seed  # the indicator pages' key
    demo.outcomes.set_rag_convention("on_the_figure")
    figure = _text(demo)
    assert squash("Convention in force: Rated on the figure: a provisional figure is rated on its value against "
                  "the plan, like a validated one, and marked provisional.") in figure
    assert squash("Provisional counts as amber") not in figure
    assert squash("RAG convention in force: Rated on the figure") in figure
    assert squash("R on the figure (288") not in figure and squash("provisional figure, rated on its value") in figure
