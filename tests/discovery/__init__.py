"""Discovery tests."""
