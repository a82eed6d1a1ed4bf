"""UI layer: NHS identity colours and the RAG palette (the same values the printed pack uses)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ..domain.enums import Rag

NHS_BLUE = "#005EB8"
NHS_DARK_BLUE = "#003087"
NHS_PALE_GREY = "#E8EDEE"

RAG_BACKGROUND = {Rag.RED: "#D5281B", Rag.AMBER: "#FFB81C", Rag.GREEN: "#007F3B", Rag.GREY: "#AEB7BD"}
RAG_FOREGROUND = {Rag.RED: "#FFFFFF", Rag.AMBER: "#212B32", Rag.GREEN: "#FFFFFF", Rag.GREY: "#212B32"}


def rag_colour(rag: Rag) -> QColor:
    return QColor(RAG_BACKGROUND[rag])


def rag_text_colour(rag: Rag) -> QColor:
    return QColor(RAG_FOREGROUND[rag])


STYLESHEET = f"""
QMainWindow {{ background: white; }}
QWidget#page {{ background: white; }}
QLabel#pageTitle {{ font-size: 20px; font-weight: 600; color: {NHS_DARK_BLUE}; }}
QLabel#subTitle {{ font-size: 15px; font-weight: 600; color: {NHS_DARK_BLUE}; }}
QLabel#sectionTitle {{ font-size: 14px; font-weight: 600; color: {NHS_BLUE}; margin-top: 8px; }}
QLabel#note {{ color: #425563; }}
QListWidget#nav {{ font-size: 14px; border: none; background: {NHS_PALE_GREY}; }}
QListWidget#nav::item {{ padding: 8px 10px; }}
QListWidget#nav::item:selected {{ background: {NHS_BLUE}; color: white; }}
QHeaderView::section {{ background: {NHS_PALE_GREY}; padding: 4px; border: none; font-weight: 600; }}
"""
