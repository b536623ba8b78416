"""``graphcmdb neo4j install|start|stop|status``: the project's own Neo4j server."""

from __future__ import annotations

import typer

from graphcmdb import neo4j_server
from graphcmdb.cli.common import console, err_console, table
from graphcmdb.config import get_settings

app = typer.Typer(help="Provision and run a local Neo4j Community server from Maven Central.")


def _fail(exc: Exception) -> typer.Exit:
    err_console.print(f"[red]error[/red] {exc}")
    return typer.Exit(1)


@app.command()
def install() -> None:
    """Resolve the Neo4j server jars with Maven into the cache folder."""
    settings = get_settings()
    try:
        report = neo4j_server.install(settings, progress=lambda msg: console.print(f"[dim]{msg}"))
    except neo4j_server.Neo4jProvisionError as exc:
        raise _fail(exc) from exc
    state = "already cached" if report.cached else f"downloaded in {report.seconds:.1f}s"
    console.print(
        f"Neo4j {settings.neo4j_version}: {report.jar_count} jars, "
        f"{report.bytes / 1e6:.0f} MB, {state} -> {report.lib_dir}"
    )


@app.command()
def start() -> None:
    """Start (or reuse) the local Neo4j and wait until Bolt answers."""
    settings = get_settings()
    if not settings.managed_neo4j:
        console.print(f"GRAPHCMDB_NEO4J_URI is set ({settings.neo4j_uri}): nothing to start.")
        return
    try:
        report = neo4j_server.start(settings)
    except neo4j_server.Neo4jProvisionError as exc:
        raise _fail(exc) from exc
    how = "reused running instance" if report.reused else f"started in {report.seconds:.1f}s"
    console.print(f"Neo4j at {report.bolt_uri} (pid {report.pid}), {how}.")
    console.print(f"[dim]{report.sizes}")


@app.command()
def stop() -> None:
    """Stop the local Neo4j."""
    was_running = neo4j_server.stop(get_settings())
    console.print("Neo4j stopped." if was_running else "Neo4j was not running.")


@app.command()
def status() -> None:
    """Show whether the local Neo4j runs and answers."""
    st = neo4j_server.status(get_settings())
    table(
        "Neo4j",
        ["running", "answering", "pid", "bolt", "version", "heap", "page cache", "home"],
        [
            [
                st.running,
                st.answering,
                st.pid,
                st.bolt_uri,
                st.version,
                st.heap,
                st.pagecache,
                st.home,
            ]
        ],
    )
    if not st.running:
        raise typer.Exit(3)
