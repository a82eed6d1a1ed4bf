"""Domain: the SPC module matches every reference case of NHSRplotthedots 0.2.2 in
shared/spc_reference - labels and icons exactly, numbers within a relative 1e-9."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest

from pbp_desktop.domain.spc import analyse, expected_shape

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "spc_reference"
CASES = sorted(REFERENCE.glob("*.json")) if REFERENCE.is_dir() else []


def run_case(case: dict) -> dict:
    return expected_shape(analyse(
        case["values"], [date.fromisoformat(d) for d in case["dates"]],
        improvement_direction=case["improvement_direction"], target=case["target"],
        rebase=[date.fromisoformat(d) for d in case["rebase"]], fix_after_n_points=case["fix_after_n_points"],
        screen_outliers=case["screen_outliers"]))


def same(a, b, where: str) -> None:
    if isinstance(b, float) or isinstance(a, float):
        assert a is not None and b is not None, where
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12), f"{where}: {a} != {b}"
    elif isinstance(b, dict):
        assert set(a) == set(b), f"{where}: keys {sorted(a)} != {sorted(b)}"
        for k in b:
            same(a[k], b[k], f"{where}.{k}")
    elif isinstance(b, list):
        assert len(a) == len(b), f"{where}: length {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


@pytest.mark.skipif(not CASES, reason="shared/spc_reference is not beside the checkout")
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_reference_case(path):
    case = json.loads(path.read_text())
    got = run_case(case)
    same(got, case["expected"], path.stem)
