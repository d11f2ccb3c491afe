"""The officer's desktop app (PySide6): screens over the Qt-free core, started by `run_app` in `vita.gui.app`."""
