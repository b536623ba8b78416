"""Monitoring events: vendor payloads read into typed events, correlated per alert and
turned into a CI status (pure logic; ``services/events.py`` stores and applies them)."""
