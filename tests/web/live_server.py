"""The real API (explorer included) served by uvicorn on a free port, in a thread."""

from __future__ import annotations

import threading
import time
from types import TracebackType

import httpx
import uvicorn

from graphcmdb.api.app import create_app
from graphcmdb.config import Settings


class LiveServer:
    """``with LiveServer(settings, port) as url:`` — its own driver, its own event loop."""

    def __init__(self, settings: Settings, port: int) -> None:
        config = uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.url = f"http://127.0.0.1:{port}"
        self.thread = threading.Thread(target=self.server.run, name="explorer-api", daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return self.url
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.server.should_exit = True
        raise RuntimeError(f"the API did not become ready at {self.url}")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
