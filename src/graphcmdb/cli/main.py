"""Entry point of the ``graphcmdb`` command."""

from __future__ import annotations

from pathlib import Path

import typer

from graphcmdb.cli import (
    db_cmd,
    demo_cmd,
    demo_network_cmd,
    discover_cmd,
    events_cmd,
    graph_cmd,
    identity_cmd,
    impact_cmd,
    import_cmd,
    incident_cmd,
    merge_cmd,
    metrics_cmd,
    neo4j_cmd,
    secrets_cmd,
    serve_cmd,
    token_cmd,
    user_cmd,
)

app = typer.Typer(help="graphcmdb: a graph CMDB on Neo4j.", no_args_is_help=True)
app.add_typer(neo4j_cmd.app, name="neo4j")
app.add_typer(db_cmd.app, name="db")
app.add_typer(token_cmd.app, name="token")
app.add_typer(user_cmd.app, name="user")
app.add_typer(secrets_cmd.app, name="secrets")
app.add_typer(demo_cmd.app, name="demo")
demo_cmd.app.add_typer(demo_network_cmd.app, name="network")
demo_cmd.app.command("discover")(demo_network_cmd.discover)
app.add_typer(discover_cmd.app, name="discover")
app.add_typer(incident_cmd.app, name="incident")
app.add_typer(events_cmd.app, name="events")
app.add_typer(graph_cmd.app, name="graph")
app.add_typer(identity_cmd.tasks_app, name="tasks")
app.command("quality")(identity_cmd.quality_cmd)
app.command("duplicates")(merge_cmd.duplicates_cmd)
app.command("merge")(merge_cmd.merge_cmd)
app.command()(serve_cmd.serve)
app.command()(serve_cmd.run)
app.command("impact")(impact_cmd.impact_cmd)
app.command("import")(import_cmd.import_cmd)
app.command("export")(import_cmd.export_cmd)
app.command("metrics")(metrics_cmd.metrics_cmd)


@app.command("export-schema")
def export_schema(path: Path = typer.Argument(Path("schema.graphql"))) -> None:
    """Write the GraphQL SDL (committed as schema.graphql)."""
    from graphcmdb.api.graphql.export import write_schema

    changed = write_schema(path)
    typer.echo(f"{path} {'updated' if changed else 'already current'}.")


if __name__ == "__main__":
    app()
