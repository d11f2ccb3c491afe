"""The answer symbols, drawn with QPainter so they never depend on a font having the glyph.

Each symbol differs in shape, not only in colour: a tick, a cross, a question mark, a speech bubble with a
question mark (does not understand), an octagon with a bar (does not want to answer: a stop sign, the
person's own choice) and an empty circle with a bar (no answer).
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui

from vita.content.model import Answer
from vita.content.officer import N_

COLOURS: dict[Answer, str] = {
    Answer.YES: "#1b6e35",
    Answer.NO: "#a3261b",
    Answer.DONT_KNOW: "#8a5a00",
    Answer.NOT_UNDERSTOOD: "#5b3e96",
    Answer.DECLINED: "#1d4f7a",
    Answer.NO_ANSWER: "#55534d",
}
KEYS: dict[Answer, str] = {
    Answer.YES: "Y",
    Answer.NO: "N",
    Answer.DONT_KNOW: "D",
    Answer.NOT_UNDERSTOOD: "U",
    Answer.DECLINED: "R",  # refuses to answer
    Answer.NO_ANSWER: "0",
}
# In English here; shown through the officer's translate function (the strings are marked for the template).
SHORT_LABELS: dict[Answer, str] = {
    Answer.YES: N_("Yes"),
    Answer.NO: N_("No"),
    Answer.DONT_KNOW: N_("Don't know"),
    Answer.NOT_UNDERSTOOD: N_("Doesn't understand"),
    Answer.DECLINED: N_("Doesn't want to answer"),
    Answer.NO_ANSWER: N_("No answer"),
}


def answer_pixmap(answer: Answer, size: int, device_pixel_ratio: float = 1.0) -> QtGui.QPixmap:
    pixmap = QtGui.QPixmap(int(size * device_pixel_ratio), int(size * device_pixel_ratio))
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    pixmap.fill(QtCore.Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(pixmap)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    colour = QtGui.QColor(COLOURS[answer])
    s = float(size)
    pen = QtGui.QPen(colour, s * 0.11, QtCore.Qt.PenStyle.SolidLine, QtCore.Qt.PenCapStyle.RoundCap,
                     QtCore.Qt.PenJoinStyle.RoundJoin)  # fmt: skip
    ring = QtCore.QRectF(s * 0.06, s * 0.06, s * 0.88, s * 0.88)
    painter.setBrush(QtGui.QColor("#ffffff"))
    painter.setPen(QtGui.QPen(colour, s * 0.06))
    if answer is Answer.NOT_UNDERSTOOD:
        _bubble(painter, s)
    elif answer is Answer.DECLINED:
        _octagon(painter, s)
    else:
        painter.drawEllipse(ring)
    painter.setPen(pen)
    painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
    if answer is Answer.YES:
        path = QtGui.QPainterPath(QtCore.QPointF(s * 0.28, s * 0.52))
        path.lineTo(s * 0.44, s * 0.68)
        path.lineTo(s * 0.73, s * 0.33)
        painter.drawPath(path)
    elif answer is Answer.NO:
        painter.drawLine(QtCore.QPointF(s * 0.32, s * 0.32), QtCore.QPointF(s * 0.68, s * 0.68))
        painter.drawLine(QtCore.QPointF(s * 0.68, s * 0.32), QtCore.QPointF(s * 0.32, s * 0.68))
    elif answer in (Answer.DONT_KNOW, Answer.NOT_UNDERSTOOD):
        _question_mark(painter, s, colour, raised=answer is Answer.NOT_UNDERSTOOD)
    else:
        painter.drawLine(QtCore.QPointF(s * 0.3, s * 0.5), QtCore.QPointF(s * 0.7, s * 0.5))
    painter.end()
    return pixmap


def answer_icon(answer: Answer, size: int = 96) -> QtGui.QIcon:
    icon = QtGui.QIcon()
    for ratio in (1.0, 2.0):
        icon.addPixmap(answer_pixmap(answer, size, ratio))
    return icon


def _octagon(painter: QtGui.QPainter, s: float) -> None:
    """A stop sign's outline: the person's own "I don't want to answer", unlike the round "no answer"."""
    c, r, k = s * 0.5, s * 0.44, s * 0.44 * 0.414
    points = [(-k, -r), (k, -r), (r, -k), (r, k), (k, r), (-k, r), (-r, k), (-r, -k)]
    painter.drawPolygon(QtGui.QPolygonF([QtCore.QPointF(c + x, c + y) for x, y in points]))


def _bubble(painter: QtGui.QPainter, s: float) -> None:
    path = QtGui.QPainterPath()
    path.addRoundedRect(QtCore.QRectF(s * 0.06, s * 0.08, s * 0.88, s * 0.66), s * 0.16, s * 0.16)
    tail = QtGui.QPainterPath(QtCore.QPointF(s * 0.3, s * 0.7))
    tail.lineTo(s * 0.22, s * 0.94)
    tail.lineTo(s * 0.5, s * 0.72)
    path = path.united(tail)
    painter.drawPath(path)


def _question_mark(painter: QtGui.QPainter, s: float, colour: QtGui.QColor, raised: bool) -> None:
    shift = -0.09 * s if raised else 0.0
    path = QtGui.QPainterPath()
    path.arcMoveTo(QtCore.QRectF(s * 0.36, s * 0.22 + shift, s * 0.28, s * 0.26), 160)
    path.arcTo(QtCore.QRectF(s * 0.36, s * 0.22 + shift, s * 0.28, s * 0.26), 160, -250)
    path.lineTo(s * 0.5, s * 0.58 + shift)
    painter.drawPath(path)
    painter.setBrush(colour)
    painter.setPen(QtCore.Qt.PenStyle.NoPen)
    painter.drawEllipse(QtCore.QPointF(s * 0.5, s * 0.74 + shift), s * 0.055, s * 0.055)
