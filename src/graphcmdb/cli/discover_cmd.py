"""``graphcmdb discover snmp TARGETS...``: scan with SNMP and write what was seen into the
graph, in this process, with a progress bar for each phase (scan, then write).

The run is a ``DiscoveryRun`` like one started over GraphQL (``startDiscovery``): the same
reconciliation, counts, failures and audit entries. Credentials come from the command line
(or ``GRAPHCMDB_SNMP_*`` environment variables, which keep them out of ``ps``) or from a
stored credential set; they are never printed, logged or stored on the run.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.progress import Progress, TaskID

from graphcmdb.cli.common import (
    console,
    err_console,
    prepare_graph,
    progress_bars,
    table,
    with_db,
)
from graphcmdb.db.database import Database
from graphcmdb.discovery.runs import SOURCE_SNMP, Phase, ProgressFn, ScanFn
from graphcmdb.discovery.runs import Progress as RunProgress
from graphcmdb.discovery.targets import DEFAULT_PORT, TargetError, parse_targets, read_target_file
from graphcmdb.domain.system_records import DiscoveryRunRecord
from graphcmdb.errors import CmdbError, ValidationFailed
from graphcmdb.services import discovery, discovery_credentials, discovery_runs
from graphcmdb.services.actor import system_actor

if TYPE_CHECKING:
    from graphcmdb.discovery.credentials import Credentials
    from graphcmdb.discovery.observation import ScanResult

app = typer.Typer(help="Discover devices and write them into the graph.", no_args_is_help=True)

#: failures printed after a run (the run node keeps up to 1,000, GraphQL shows them all)
SHOWN_FAILURES = 50
PHASE_LABELS = {Phase.SCANNING: "Scanning targets", Phase.RECONCILING: "Writing devices"}


def fail(exc: CmdbError) -> typer.Exit:
    """Print a typed error as ``with_db`` does; raise the returned Exit (code 1)."""
    err_console.print(f"[red]error[/red] [{exc.code}] {exc.message}")
    return typer.Exit(1)


@dataclass(frozen=True)
class ScanSettings:
    concurrency: int = discovery.DEFAULT_CONCURRENCY
    timeout: float = 1.0
    retries: int = 1
    port: int = DEFAULT_PORT


def _protocol(name: str, known: Sequence[str], option: str) -> str:
    """A protocol as the scanner spells it; "sha256", "SHA-256" and "SHA256" are one."""
    wanted = name.strip().upper().replace("-", "").replace("_", "")
    for spelling in known:
        if spelling.replace("-", "") == wanted:
            return spelling
    raise ValidationFailed(
        f"{option} {name!r} is not one of {', '.join(known)}.", field=option.lstrip("-")
    )


def inline_credentials(
    community: str | None,
    v3_user: str | None,
    auth_proto: str,
    auth_key: str | None,
    priv_proto: str,
    priv_key: str | None,
) -> Credentials:
    """Credentials from the options; the messages name options, never values."""
    from graphcmdb.discovery.credentials import AUTH_PROTOCOLS, PRIV_PROTOCOLS, Credentials

    if community is not None and (v3_user, auth_key, priv_key) != (None, None, None):
        raise ValidationFailed("--community is SNMPv2c: leave out --v3-user and the keys.")
    if v3_user is None and (auth_key is not None or priv_key is not None):
        raise ValidationFailed("--auth-key and --priv-key need --v3-user.", field="v3-user")
    auth = _protocol(auth_proto, list(AUTH_PROTOCOLS), "--auth-proto")
    priv = _protocol(priv_proto, list(PRIV_PROTOCOLS), "--priv-proto")
    try:
        if community is not None:
            return Credentials.v2c(community)
        return Credentials.v3(v3_user or "", auth_key, priv_key, auth=auth, priv=priv)
    except ValueError as exc:  # the scanner's own checks (key lengths, ...)
        raise ValidationFailed(f"SNMP credentials refused: {exc}.") from exc


def expand_target_files(specs: Sequence[str]) -> list[str]:
    """The specs with every ``@file`` replaced by the specs it holds (the run records
    those, not a path that means nothing to the server)."""
    expanded: list[str] = []
    for spec in specs:
        spec = spec.strip()
        if spec.startswith("@"):
            expanded += read_target_file(Path(spec[1:]))
        elif spec:
            expanded.append(spec)
    return expanded


def check_targets(specs: Sequence[str], port: int) -> int:
    """How many targets ``specs`` name; a spec that does not parse is a typed error."""
    try:
        count = len(parse_targets(specs, port))
    except TargetError as exc:
        raise ValidationFailed(str(exc), field="targets") from exc
    if not count:
        raise ValidationFailed("no targets given.", field="targets")
    return count


def snmp_scan(credentials: Credentials, settings: ScanSettings) -> ScanFn:
    """The SNMP scanner bound to credentials and the timing options."""
    from graphcmdb.discovery.scanner import ScanOptions, scan
    from graphcmdb.discovery.session import Timing

    options = ScanOptions(
        timing=Timing(timeout=settings.timeout, retries=settings.retries),
        default_port=settings.port,
    )

    async def bound(targets: Sequence[str], *, progress: ProgressFn) -> ScanResult:
        return await scan(
            targets,
            credentials=credentials,
            concurrency=settings.concurrency,
            progress=progress,
            options=options,
        )

    return bound


class ProgressBars:
    """One bar per phase, fed by the run's progress reports."""

    def __init__(self, bars: Progress, targets: int) -> None:
        self.bars = bars
        self.tasks: dict[Phase, TaskID] = {
            Phase.SCANNING: bars.add_task(PHASE_LABELS[Phase.SCANNING], total=targets)
        }

    def __call__(self, progress: RunProgress) -> None:
        task = self.tasks.get(progress.phase)
        if task is None:
            task = self.bars.add_task(PHASE_LABELS[progress.phase], total=progress.total)
            self.tasks[progress.phase] = task
        self.bars.update(task, completed=progress.done, total=max(progress.total, 1))


@dataclass(frozen=True)
class Outcome:
    run: DiscoveryRunRecord
    seconds: float


def run_snmp_discovery(
    specs: Sequence[str],
    credentials: Credentials | None,
    credential_set: str | None,
    settings: ScanSettings,
    *,
    prepare: bool = False,
) -> Outcome:
    """Run a whole discovery in this process with progress bars (``credentials``, or else
    the stored ``credential_set``); typed errors print and exit 1 (``with_db``).
    ``prepare``: apply the schema first (the demo, on a fresh database)."""
    try:
        targets = check_targets(specs, settings.port)
    except ValidationFailed as exc:
        raise fail(exc) from exc
    with progress_bars(17) as bars:
        listener = ProgressBars(bars, targets)

        async def work(db: Database) -> Outcome:
            if prepare:
                await prepare_graph(db)
            creds = credentials
            if creds is None:
                stored = await discovery_credentials.credentials_for_run(db, credential_set or "")
                # a stored set is bound to its ranges here too (files and ranges expanded)
                expanded = [t.host for t in parse_targets(specs, settings.port)]
                discovery_credentials.check_targets(stored, expanded)
                try:
                    creds = stored.for_scanner()
                except ValueError as exc:
                    raise ValidationFailed(
                        f"Credential set '{stored.name}' cannot be used: {exc}.",
                        field="credentialSet",
                    ) from exc
            cleaned = discovery.check_request(specs, settings.concurrency)
            actor = system_actor("discover")
            recorded = {"credentialSet": credential_set, "concurrency": settings.concurrency}
            run = await discovery_runs.create_run(db, actor, cleaned, SOURCE_SNMP, recorded)
            started = time.perf_counter()
            finished = await discovery.run_discovery(
                db, actor, cleaned, snmp_scan(creds, settings), listener, run_id=run.id
            )
            return Outcome(finished, time.perf_counter() - started)

        return with_db(work)


def print_outcome(outcome: Outcome) -> None:
    """The summary table, then the targets that gave no device and why."""
    run = outcome.run
    devices = run.countNew + run.countUpdated + run.countUnchanged
    rate = devices / outcome.seconds if outcome.seconds > 0 else 0.0
    table(
        f"Discovery run {run.id} ({run.state.value})",
        ["new", "updated", "unchanged", "unreachable", "errors", "seconds", "devices/s"],
        [
            [
                run.countNew,
                run.countUpdated,
                run.countUnchanged,
                run.countUnreachable,
                run.countErrors,
                f"{outcome.seconds:.1f}",
                f"{rate:.1f}",
            ]
        ],
    )
    failures = run.failures
    if failures:
        shown = failures[:SHOWN_FAILURES]
        title = "Failures" if len(shown) == len(failures) else f"Failures (first {len(shown)})"
        table(
            title,
            ["target", "kind", "reason"],
            [[f.target, f.kind, f.reason] for f in shown],
        )


SECRET_HELP = "Prefer the environment variable: the command line shows in `ps`."


def _secret_option(flag: str, envvar: str, help: str) -> Any:
    """An optional secret, best given through ``envvar`` (a command line shows in ``ps``)."""
    return typer.Option(None, flag, envvar=envvar, help=f"{help} {SECRET_HELP}", show_default=False)


@app.command("snmp")
def snmp(
    targets: list[str] = typer.Argument(
        ...,
        help="Hosts, host:port, CIDR ranges (10.0.0.0/28, 10.0.0.0/28:1161) or @FILE "
        "holding more of them (one or more per line, # comments).",
        show_default=False,
        metavar="TARGET...",
    ),
    community: str | None = _secret_option(
        "--community", "GRAPHCMDB_SNMP_COMMUNITY", "SNMPv2c community."
    ),
    v3_user: str | None = typer.Option(None, "--v3-user", help="SNMPv3 user name."),
    auth_proto: str = typer.Option(
        "SHA-256", "--auth-proto", help="MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512."
    ),
    auth_key: str | None = _secret_option(
        "--auth-key", "GRAPHCMDB_SNMP_AUTH_KEY", "SNMPv3 authentication pass phrase."
    ),
    priv_proto: str = typer.Option(
        "AES", "--priv-proto", help="DES, 3DES, AES (AES-128), AES-192 or AES-256."
    ),
    priv_key: str | None = _secret_option(
        "--priv-key", "GRAPHCMDB_SNMP_PRIV_KEY", "SNMPv3 privacy pass phrase."
    ),
    credential_set: str | None = typer.Option(
        None, "--credential-set", help="Use a stored credential set (createCredentialSet)."
    ),
    concurrency: int = typer.Option(
        discovery.DEFAULT_CONCURRENCY,
        "--concurrency",
        min=1,
        max=discovery.MAX_CONCURRENCY,
        help="Targets talked to at once.",
    ),
    timeout: float = typer.Option(1.0, "--timeout", min=0.05, help="Seconds per request."),
    retries: int = typer.Option(1, "--retries", min=0, max=10, help="Tries after a timeout."),
    port: int = typer.Option(
        DEFAULT_PORT, "--port", min=1, max=65535, help="UDP port of targets that name none."
    ),
) -> None:
    """Scan TARGETS with SNMP and write every device seen into the graph.

    Exits 0 when the run finished, also when some targets did not answer (they are listed
    with the reason); 1 when the run could not start or failed.
    """
    settings = ScanSettings(concurrency, timeout, retries, port)
    try:
        if sum(x is not None for x in (community, v3_user, credential_set)) != 1:
            raise ValidationFailed(
                "give exactly one of --community (or GRAPHCMDB_SNMP_COMMUNITY), --v3-user, "
                "--credential-set."
            )
        specs = expand_target_files(targets)
        credentials = None
        if credential_set is None:
            credentials = inline_credentials(
                community, v3_user, auth_proto, auth_key, priv_proto, priv_key
            )
        check_targets(specs, port)
    except TargetError as exc:
        raise fail(ValidationFailed(str(exc), field="targets")) from exc
    except ValidationFailed as exc:
        raise fail(exc) from exc
    what = credentials.describe() if credentials else f"credential set '{credential_set}'"
    tries = f"{timeout:g} s x {retries + 1} tries"
    console.print(f"Scanning with {what}: up to {concurrency} targets at once, {tries}.")
    print_outcome(run_snmp_discovery(specs, credentials, credential_set, settings))
