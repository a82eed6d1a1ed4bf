"""UI layer: the main window. For now it shows the dashboard; the desktop issue adds the
registers' own screens behind a navigation list."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from .. import __version__
from .dashboard import DashboardView
from .ops import Ops


class MainWindow(QMainWindow):
    def __init__(self, ops: Ops):
        super().__init__()
        self.ops = ops
        self.dashboard = DashboardView()
        self.setCentralWidget(self.dashboard)
        self.resize(1100, 760)
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About PBP Desktop", self)
        about.triggered.connect(self._on_about_triggered)
        help_menu.addAction(about)
        self.refresh()

    def refresh(self) -> None:
        summary = self.ops.summary()
        if summary is not None:
            self.dashboard.show_summary(summary)
            name = summary.partnership.name if summary.partnership else "Register"
            self.setWindowTitle(f"{name} - PBP Desktop")

    def _on_about_triggered(self) -> None:
        QMessageBox.about(self, "About PBP Desktop",
                          f"<b>PBP Desktop</b> {__version__}<br>The register is at:<br>{self.ops.where()}")
