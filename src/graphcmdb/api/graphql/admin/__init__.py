"""Administration: API tokens and the audit log."""
