"""The officer's desktop app (PySide6): screens over the Qt-free core, started by `run_app` in `vita.gui.app`.

Loading this package loads PySide6 and takes back Python's own import from it (vita/gui/workarounds.py), so
that no module of the app pays PySide's per-module source scan.
"""

import PySide6.QtCore  # noqa: F401  (installs PySide's import hook, dropped below)

from vita.gui.workarounds import drop_feature_import_hook

drop_feature_import_hook()
