"""The load benchmark's clients (``benchmarks.load``): explorer-style readers, and
impact clients in a process of their own, with their records summarised per class."""

from __future__ import annotations

import asyncio
import multiprocessing
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from typing import Any

import httpx

from benchmarks.impact import QUERY as IMPACT
from benchmarks.load_docs import CI_DETAILS, SEARCH
from graphcmdb.config import Settings

READ_DEADLINE_S = Settings.model_fields["read_deadline_s"].default
#: a person reads an answer before the next click
READER_PAUSE_S = 1.0


@dataclass
class Estate:
    reader_tokens: list[str]
    impact_tokens: list[str]
    names: list[str]
    ci_ids: list[str]
    impact_inputs: list[list[str]]
    cis: int = 0
    relationships: int = 0


@dataclass
class Record:
    kind: str
    seconds: float
    answer: str


@dataclass
class Run:
    stop: float
    records: list[Record] = field(default_factory=list)
    #: each pause drawn from READER_PAUSE_S x (1 ± jitter); 0: all in step
    jitter: float = 0.0


async def ask(
    client: httpx.AsyncClient, token: str, query: str, variables: dict[str, Any]
) -> tuple[float, str, int]:
    """Seconds, answer code, and the Retry-After (0 when none)."""
    start = time.perf_counter()
    try:
        response = await client.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {token}"},
        )
    except httpx.TransportError as exc:  # counted, not the end of the run
        return time.perf_counter() - start, type(exc).__name__, 1
    elapsed = time.perf_counter() - start
    try:
        body = response.json()
    except ValueError:
        return elapsed, f"HTTP {response.status_code}", 0
    errors = body.get("errors") or []
    code = errors[0].get("extensions", {}).get("code", "ERROR") if errors else "OK"
    return elapsed, str(code), int(response.headers.get("retry-after", "0"))


async def reader(client: httpx.AsyncClient, token: str, estate: Estate, run: Run) -> None:
    rng = random.Random(token)
    while time.monotonic() < run.stop:
        if rng.random() < 1 / 3:
            name = rng.choice(estate.names)
            start = rng.randrange(max(1, len(name) - 5))
            query, variables = SEARCH, {"q": name[start : start + 6], "first": 20}
        else:
            query, variables = CI_DETAILS, {"id": rng.choice(estate.ci_ids)}
        seconds, code, _ = await ask(client, token, query, variables)
        run.records.append(Record("reader", seconds, code))
        spread = rng.uniform(-run.jitter, run.jitter) if run.jitter else 0.0
        await asyncio.sleep(READER_PAUSE_S * (1 + spread))


async def impacter(client: httpx.AsyncClient, token: str, estate: Estate, run: Run) -> None:
    rng = random.Random(token)
    while time.monotonic() < run.stop:
        down = rng.choice(estate.impact_inputs)
        seconds, code, retry_after = await ask(client, token, IMPACT, {"down": down})
        run.records.append(Record("impact", seconds, code))
        if retry_after:
            await asyncio.sleep(retry_after)


async def impact_clients(url: str, estate: Estate, stop: float) -> list[Record]:
    """The impact clients until ``stop`` (``time.monotonic``, the same clock in every
    process), on their own connection pool."""
    run, tokens = Run(stop=stop), estate.impact_tokens
    limits = httpx.Limits(max_connections=len(tokens) + 5, max_keepalive_connections=len(tokens))
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        await asyncio.gather(*(impacter(client, t, estate, run) for t in tokens))
    return run.records


def impact_process(url: str, estate: Estate, line: Connection) -> None:
    """A process of its own for the impact clients (``multiprocessing``, spawned): says
    it is ready, is told when the window ends, answers its records."""
    line.send("ready")
    stop: float = line.recv()
    line.send(asyncio.run(impact_clients(url, estate, stop)))
    line.close()


async def phase(
    url: str,
    estate: Estate,
    seconds: float,
    impacts: bool,
    one_process: bool = False,
    jitter: float = 0.0,
) -> dict[str, Any]:
    """The readers, and the impact clients when ``impacts``: in a process of their own
    unless ``one_process``. In one process the impact clients' work (decoding answers
    of up to 600 KB, 50 clients) delays the readers' own event loop, and the readers'
    figures measure the load generator as much as the server."""
    impact_tokens = estate.impact_tokens if impacts and one_process else []
    clients = len(estate.reader_tokens) + len(impact_tokens)
    limits = httpx.Limits(max_connections=clients + 5, max_keepalive_connections=clients + 5)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        for down in estate.impact_inputs[:: max(1, len(estate.impact_inputs) // 6)]:
            await ask(client, estate.reader_tokens[0], IMPACT, {"down": down})
        for i in range(20):
            await ask(client, estate.reader_tokens[0], CI_DETAILS, {"id": estate.ci_ids[i]})
        others = await ImpactProcess.start(url, estate) if impacts and not one_process else None
        try:
            await client.get("/_bench/stalls")  # starts the measured window
            run = Run(stop=time.monotonic() + seconds, jitter=jitter)
            if others is not None:
                others.go(run.stop)
            started = time.monotonic()
            await asyncio.gather(
                *(reader(client, t, estate, run) for t in estate.reader_tokens),
                *(impacter(client, t, estate, run) for t in impact_tokens),
            )
            if others is not None:
                run.records += await others.records()
        finally:  # a phase that fails does not leave the process waiting on its pipe
            if others is not None:
                others.process.terminate()
        wall = time.monotonic() - started
        stalls = (await client.get("/_bench/stalls")).json()
    return {"wall_s": wall, "stalls": stalls, "classes": summarise(run.records)}


#: how long the impact clients' process may take to start (an interpreter and imports)
IMPACT_PROCESS_START_S = 60.0


@dataclass
class ImpactProcess:
    """The impact clients in a spawned process, started before the measured window (an
    interpreter and its imports take a second or two) and told when it ends."""

    process: SpawnProcess
    line: Connection

    @classmethod
    async def start(cls, url: str, estate: Estate) -> ImpactProcess:
        context = multiprocessing.get_context("spawn")
        line, theirs = context.Pipe()
        process = context.Process(target=impact_process, args=(url, estate, theirs), daemon=True)
        process.start()
        theirs.close()
        ready = await asyncio.to_thread(line.poll, IMPACT_PROCESS_START_S)
        if not ready or line.recv() != "ready":
            process.terminate()
            raise RuntimeError("the impact clients' process did not start")
        return cls(process, line)

    def go(self, stop: float) -> None:
        self.line.send(stop)

    async def records(self) -> list[Record]:
        """Its records, once the window is over (read in a thread: a blocking pipe)."""
        found: list[Record] = await asyncio.to_thread(self.line.recv)
        await asyncio.to_thread(self.process.join)
        return found


def figures(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000

    return {
        "n": len(ordered),
        "p50_ms": at(0.50),
        "p95_ms": at(0.95),
        "p99_ms": at(0.99),
        "max_ms": ordered[-1] * 1000,
    }


def summarise(records: list[Record]) -> dict[str, Any]:
    """Per class: all its requests, then each answer code on its own."""
    out: dict[str, Any] = {}
    for kind in ("reader", "impact"):
        mine = [r for r in records if r.kind == kind]
        if not mine:
            continue
        codes = Counter(r.answer for r in mine)
        out[kind] = figures([r.seconds for r in mine]) | {
            "over_deadline": sum(r.seconds > READ_DEADLINE_S for r in mine),
            "answers": {
                code: figures([r.seconds for r in mine if r.answer == code])
                for code, _ in codes.most_common()
            },
        }
    return out
