"""Draw the identification record as an A4 PDF with Qt's own PDF writer. Works with no display."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6 import QtCore, QtGui

from vita.content.officer import OfficerText
from vita.record.model import Record
from vita.safe_files import write_file

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


Span = tuple[float, float]  # a vertical stretch of the laid-out document, top and bottom


def page_breaks(keep_together: list[Span], total: float, page_height: float) -> list[Span]:
    """Cut the document into pages, never inside a stretch that must stay together (a table row, a heading
    with what follows it), unless that stretch is taller than a page on its own."""
    pages: list[Span] = []
    start = 0.0
    while start < total - 0.5:
        end = min(total, start + page_height)
        if end < total:
            straddling = [top for top, bottom in keep_together if top < end < bottom and top > start + 1.0]
            if straddling:
                end = min(straddling)
        pages.append((start, end))
        start = end
    return pages or [(0.0, total)]


def _block_span(layout: QtGui.QAbstractTextDocumentLayout, block: QtGui.QTextBlock) -> Span:
    rect = layout.blockBoundingRect(block)
    return rect.top(), rect.bottom()


def spans_to_keep(document: QtGui.QTextDocument) -> list[Span]:
    """Every table row, and every heading together with the first row or paragraph after it."""
    layout = document.documentLayout()
    rows: list[Span] = []
    row_of: dict[int, Span] = {}  # block number -> its row's span
    for frame in document.rootFrame().childFrames():
        table = frame if isinstance(frame, QtGui.QTextTable) else None
        if table is None:
            continue
        for r in range(table.rows()):
            top, bottom, members = float("inf"), 0.0, []
            for c in range(table.columns()):
                cell = table.cellAt(r, c)
                block = cell.firstCursorPosition().block()
                while block.isValid() and block.position() <= cell.lastPosition():
                    block_top, block_bottom = _block_span(layout, block)
                    top, bottom = min(top, block_top), max(bottom, block_bottom)
                    members.append(block.blockNumber())
                    block = block.next()
            if members:
                span = (top - 6.0, bottom + 6.0)  # the cell padding and border belong to the row
                rows.append(span)
                row_of.update(dict.fromkeys(members, span))
    keep = list(rows)
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0 and block.next().isValid():
            following = block.next()
            after = row_of.get(following.blockNumber(), _block_span(layout, following))
            keep.append((_block_span(layout, block)[0], after[1]))
        block = block.next()
    return keep


def render_pdf(record: Record, digest: str, path: Path, tr: OfficerText = OfficerText()) -> None:  # noqa: B008
    """Write the record to `path` as a PDF, through the one safe way to write personal data to a file."""
    write_file(path, pdf_bytes(record, digest, tr), replace=True)


def pdf_bytes(record: Record, digest: str, tr: OfficerText = OfficerText()) -> bytes:  # noqa: B008
    """The record as a PDF: A4, numbered pages, the case and digest in every footer; the headings in the
    officer's language (`tr`) with the English beside them.

    Drawn in memory, so the file itself is written only by vita.safe_files (never by Qt, which would follow
    a link planted under the file's name)."""
    app = ensure_application()
    bundled = register_bundled_fonts()
    chosen: dict[str, str] = {}

    def font_for(script: str) -> str:
        if script not in chosen:
            chosen[script] = family_for(script, bundled)
        return chosen[script]

    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    writer = QtGui.QPdfWriter(buffer)
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
    document.setHtml(record_html(record, digest, font_for, tr))

    page = QtCore.QRectF(0, 0, writer.width(), writer.height())
    footer_height = writer.resolution() * FOOTER_PT * 2.2 / 72
    body_height = page.height() - footer_height
    # Laid out as one long page, then cut where no row or heading is split (Qt's own pagination cuts rows).
    document.setTextWidth(page.width())
    total = document.documentLayout().documentSize().height()
    cuts = page_breaks(spans_to_keep(document), total, body_height)
    pages = len(cuts)
    footer_font = QtGui.QFont(font_for("Latn"))
    footer_font.setPointSizeF(7.5)

    painter = QtGui.QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot draw the record {record.case.reference} as a PDF")
    try:
        for number, (top, bottom) in enumerate(cuts):
            if number:
                writer.newPage()
            painter.save()
            painter.translate(0, -top)
            document.drawContents(painter, QtCore.QRectF(0, top, page.width(), bottom - top))
            painter.restore()
            footer = QtCore.QRectF(0, body_height, page.width(), footer_height)
            text = f"VITA record {record.case.reference} · page {number + 1} of {pages} · SHA-256 {digest[:16]}…"
            if record.simulation:  # on every page, so that no page of a simulation passes for a record
                text = f"{SIMULATION_BANNER} · {text}"
            _footer(painter, footer, text, footer_font, alarm=record.simulation)
    finally:
        painter.end()  # writes the PDF's trailer into the buffer
    data = bytes(buffer.data().data())
    buffer.close()
    del app  # the application outlives this call when someone else made it; ours is released here
    return data
