"""UI tests: small screens - every dialog fits a 1280x720 screen at 150% scaling (853x480
logical pixels), and no column of words on any screen is cut to "…" at a 1280x720 window while
it would fit in a reasonable width."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from pbp_desktop.ui.widgets import SMALL_SCREEN

pytestmark = pytest.mark.ui


def test_every_dialog_fits_a_1280x720_screen_at_150_percent(window, qtbot, every_dialog):
    """Its size hint, its minimum size hint and its size once shown: none wider than 853 or taller
    than 480 (no tolerance). Long forms scroll instead of growing."""
    assert (SMALL_SCREEN.width(), SMALL_SCREEN.height()) == (853, 480)
    too_big = []
    for name, make in every_dialog:
        dialog = make()
        dialog.show()
        qtbot.waitExposed(dialog)
        QApplication.processEvents()
        for what, size in (("size hint", dialog.sizeHint()), ("minimum size hint", dialog.minimumSizeHint()),
                           ("size shown", dialog.size())):
            if size.width() > 853 or size.height() > 480:
                too_big.append(f"{name}: {what} {size.width()}x{size.height()}")
        dialog.done(0)
    assert not too_big, "\n".join(too_big)
