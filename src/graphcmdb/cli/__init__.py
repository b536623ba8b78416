"""The ``graphcmdb`` command line (typer + rich)."""
