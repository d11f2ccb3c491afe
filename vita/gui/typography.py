"""Fonts by role and script. Sizes are multiples of the system font size, so the app follows the officer's
system setting; no text is ever smaller than the body size, and a script always gets its bundled font first."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from pathlib import Path

from PySide6 import QtGui, QtWidgets

LATIN = "Latn"
MIN_BODY_PT = 12.0  # readable at arm's length on a 1366×768 laptop; larger when the system font is larger

# How much larger than the body text each kind of text is.
ROLE_SCALE: dict[str, float] = {
    "body": 1.0,
    "small": 0.9,  # the smallest text in the app: key hints and provenance tags
    "button": 1.05,
    "title": 1.5,
    "officer-text": 1.15,
    "message": 1.9,
    "native-name": 1.55,
    "finder-name": 4.0,
    "person-message": 2.6,
    "person-word": 1.3,  # the word under an answer symbol in the person's view: read from a step away
}


# Some scripts look smaller than Latin at the same point size; this evens them out.
SCRIPT_SCALE: dict[str, float] = {"Arab": 1.2}


# Registers the bundled fonts for some scripts (all when None) and returns script -> family of those registered.
RegisterFonts = Callable[[Collection[str] | None], Mapping[str, str]]


class Typography:
    """Makes QFonts for a role and a script, with the Latin family as the fallback for digits and punctuation.

    With `register`, fonts are registered when a text needs them (`cover`): the first window waits only for
    the fonts it shows."""

    def __init__(
        self, families: Mapping[str, str], system_point_size: float, register: RegisterFonts | None = None
    ) -> None:
        self.families = dict(families)
        self.body_pt = max(MIN_BODY_PT, system_point_size)
        self._register = register
        # Every bundled family, as the explicit fallback of every font: a native name inside English text
        # finds its glyphs on any platform, including Windows, where Qt's own fallback ignores app fonts.
        self._fallbacks = list(dict.fromkeys([self.family(LATIN), *self.families.values()]))

    def add_families(self, families: Mapping[str, str]) -> None:
        """Fonts registered since: the fonts made from now on have them (and fall back on them)."""
        self.families.update(families)
        self._fallbacks = list(dict.fromkeys([self.family(LATIN), *self.families.values()]))

    def cover(self, texts: Collection[str]) -> None:
        """Register the fonts for the scripts `texts` are written in, if not yet (every font for a script that
        cannot be told). Call it before making the fonts that show them."""
        from vita.printing.fonts import scripts_in

        if self._register is None:
            return
        scripts = scripts_in(texts)
        if scripts is None or not scripts <= set(self.families):
            self.add_families(self._register(scripts))

    def add_scripts(self, scripts: Collection[str], overlay: Path | None) -> None:
        """The scripts of the content's languages, at the start and whenever the content is read again (a pack's
        new language, in the studio): when one has no family yet, the fonts the deployment added are registered
        and each such script gets one (the pack's font, else an installed one, else the Latin one)."""
        missing = set(scripts) - set(self.families)
        if not missing:
            return
        from vita.fonts import deployment_fonts

        from vita.printing.fonts import family_for, register_deployment_fonts

        register_deployment_fonts(deployment_fonts(overlay))
        self.add_families({script: family_for(script, self.families) for script in missing})

    def family(self, script: str) -> str:
        return self.families.get(script) or self.families.get(LATIN, "")

    def font(self, role: str = "body", script: str = LATIN, bold: bool = False) -> QtGui.QFont:
        font = QtGui.QFont()
        families = [f for f in dict.fromkeys([self.family(script), *self._fallbacks]) if f]
        if families:
            font.setFamilies(families)
        font.setPointSizeF(self.body_pt * ROLE_SCALE[role] * SCRIPT_SCALE.get(script, 1.0))
        font.setBold(bold)
        return font

    def apply(self, widget: QtWidgets.QWidget, role: str = "body", script: str = LATIN, bold: bool = False) -> None:
        widget.setFont(self.font(role, script, bold))


def load_style_sheet() -> str:
    """The one style sheet, shipped as a package resource: read from beside this module when the package is a
    folder (a checkout, an install, the bundle), which spares the first window the resource readers."""
    beside = Path(__file__).with_name("style") / "vita.qss"
    if beside.is_file():
        return beside.read_text(encoding="utf-8")
    from importlib import resources

    return resources.files("vita.gui").joinpath("style/vita.qss").read_text(encoding="utf-8")
