"""The explorer's built assets (``web/`` sources, built by ``make web`` into ``static/``)."""
