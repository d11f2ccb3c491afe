"""The command line: `vita` starts the app, `vita <command>` runs a task without a window."""
