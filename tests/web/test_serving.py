"""The app serves the explorer at / without shadowing the API's own routes."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi import FastAPI

from graphcmdb.web.mount import NOT_BUILT, explorer_built, mount_explorer
from tests.web.conftest import Explorer


def test_root_serves_the_explorer_and_the_api_keeps_its_routes(explorer: Explorer) -> None:
    assert explorer_built()
    with httpx.Client(base_url=explorer.url) as client:
        page = client.get("/")
        assert page.status_code == 200
        assert '<div id="app">' in page.text
        assert page.headers["cache-control"] == "no-cache"
        bundle = next(part.split('"')[0] for part in page.text.split('src="')[1:])
        asset = client.get(bundle)
        assert asset.status_code == 200
        assert "immutable" in asset.headers["cache-control"]
        assert client.get("/healthz").json()["status"] == "ok"
        assert client.get("/readyz").status_code == 200
        gql = client.post(
            "/graphql",
            json={"query": "{ services(first: 1) { totalCount } }"},
            headers={"Authorization": f"Bearer {explorer.token}"},
        )
        assert gql.json()["data"]["services"]["totalCount"] > 0


async def test_without_a_build_root_says_how_to_build(tmp_path: Path) -> None:
    app = FastAPI()
    mount_explorer(app, static_dir=tmp_path)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/")
    assert response.status_code == 404
    assert response.text == NOT_BUILT
