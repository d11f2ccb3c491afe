"""Draw the identification record as an A4 PDF with Qt's own PDF writer. Works with no display."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6 import QtCore, QtGui

from vita.record.model import Record

from vita.printing.fonts import family_for, register_bundled_fonts
from vita.printing.richtext import SIMULATION_BANNER, record_html

MARGIN_MM = 15.0
FOOTER_PT = 9.0


def ensure_application() -> QtGui.QGuiApplication:
    """The running Qt application, or a new one; offscreen when there is no display (the CLI on a server)."""
    app = QtGui.QGuiApplication.instance()
    if isinstance(app, QtGui.QGuiApplication):
        return app
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and os.name != "nt":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Qt notes on stderr each time it skips a Latin font while looking for, say, Devanagari: noise on a command line.
    QtCore.QLoggingCategory.setFilterRules("qt.text.font.db=false")
    return QtGui.QGuiApplication([])


def _footer(painter: QtGui.QPainter, area: QtCore.QRectF, text: str, font: QtGui.QFont, alarm: bool = False) -> None:
    painter.save()
    painter.setFont(font)
    painter.setPen(QtGui.QColor("#b3261e" if alarm else "#555555"))
    painter.drawText(area, int(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter), text)
    painter.restore()


def render_pdf(record: Record, digest: str, path: Path) -> None:
    """Write the record to `path` as a PDF: A4, numbered pages, the case and digest in every footer."""
    app = ensure_application()
    bundled = register_bundled_fonts()
    chosen: dict[str, str] = {}

    def font_for(script: str) -> str:
        if script not in chosen:
            chosen[script] = family_for(script, bundled)
        return chosen[script]

    writer = QtGui.QPdfWriter(str(path))
    writer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
    writer.setPageMargins(
        QtCore.QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QtGui.QPageLayout.Unit.Millimeter
    )
    writer.setResolution(300)
    writer.setTitle(f"VITA identification record {record.case.reference}")
    writer.setCreator(f"VITA {record.generator_version}")

    document = QtGui.QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(QtGui.QFont(font_for("Latn"), 10))
    document.setHtml(record_html(record, digest, font_for))

    page = QtCore.QRectF(0, 0, writer.width(), writer.height())
    footer_height = writer.resolution() * FOOTER_PT * 2.2 / 72
    body_height = page.height() - footer_height
    document.setPageSize(QtCore.QSizeF(page.width(), body_height))
    pages = document.pageCount()
    footer_font = QtGui.QFont(font_for("Latn"))
    footer_font.setPointSizeF(7.5)

    painter = QtGui.QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write a PDF at {path}")
    try:
        for number in range(pages):
            if number:
                writer.newPage()
            painter.save()
            painter.translate(0, -number * body_height)
            document.drawContents(painter, QtCore.QRectF(0, number * body_height, page.width(), body_height))
            painter.restore()
            footer = QtCore.QRectF(0, body_height, page.width(), footer_height)
            text = f"VITA record {record.case.reference} · page {number + 1} of {pages} · SHA-256 {digest[:16]}…"
            if record.simulation:  # on every page, so that no page of a simulation passes for a record
                text = f"{SIMULATION_BANNER} · {text}"
            _footer(painter, footer, text, footer_font, alarm=record.simulation)
    finally:
        painter.end()
    del app  # the application outlives this call when someone else made it; ours is released here
