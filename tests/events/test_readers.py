"""The vendor payloads read into typed events (fixtures follow the vendors' documented
fields: see each reader's docstring and ``payloads/``)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from graphcmdb.errors import PayloadInvalid, TooManyAlerts
from graphcmdb.events import alertmanager, generic, prtg, zabbix
from graphcmdb.graph.enums import AlertState, CIStatus

PAYLOADS = Path(__file__).parent / "payloads"


def load(name: str) -> object:
    text = (PAYLOADS / name).read_text()
    return dict(parse_qsl(text)) if name.endswith(".form") else json.loads(text)


def test_alertmanager_alert_names_its_host_without_the_port() -> None:
    [event] = alertmanager.read(load("alertmanager_firing.json"), 10)
    assert event.state is AlertState.FIRING
    assert event.effect is CIStatus.DOWN
    assert event.identifiers.hosts == ("web01.example.org",)
    assert event.fingerprint == "alertmanager:a1b2c3d4e5f60708"
    assert event.starts_at is not None
    assert event.ends_at is None
    assert "FQDN:web01.example.org" in event.identifiers.source_key


def test_zabbix_problem_and_recovery_are_one_alert_and_unexpanded_macros_are_ignored() -> None:
    [problem] = zabbix.read(load("zabbix_problem.json"))
    [resolved] = zabbix.read(load("zabbix_resolved.json"))
    assert (problem.state, resolved.state) == (AlertState.FIRING, AlertState.RESOLVED)
    assert problem.fingerprint == resolved.fingerprint
    assert problem.digest != resolved.digest
    assert problem.identifiers.serial is None
    assert problem.identifiers.ci_id is None
    assert problem.identifiers.ips == ("10.20.0.7",)
    assert problem.effect is CIStatus.DOWN


def test_prtg_form_down_then_up() -> None:
    [down] = prtg.read(load("prtg_down.form"))
    [up] = prtg.read(load("prtg_up.form"))
    assert (down.state, down.effect) == (AlertState.FIRING, CIStatus.DOWN)
    assert up.state is AlertState.RESOLVED
    assert down.fingerprint == up.fingerprint
    assert down.identifiers.hosts == ("sw-core-1",)
    assert down.identifiers.ips == ("10.30.0.2",)


@pytest.mark.parametrize(
    ("status", "effect"),
    [("Down (Partial)", CIStatus.DEGRADED), ("Warning", CIStatus.DEGRADED), ("Paused", None)],
)
def test_prtg_statuses(status: str, effect: CIStatus | None) -> None:
    assert prtg.state_and_effect(status) == (AlertState.FIRING, effect)


def test_generic_batch_and_its_errors_name_the_field() -> None:
    events = generic.read(
        {"events": [{"source": "nagios", "alertName": "Load", "status": "firing"}]}, 5
    )
    assert events[0].source == "generic:nagios"
    assert events[0].effect is CIStatus.DEGRADED
    with pytest.raises(PayloadInvalid) as bad:
        generic.read({"source": "nagios", "alertName": "x", "status": "burning"}, 5)
    assert bad.value.details["problems"][0]["field"] == "status"
    with pytest.raises(PayloadInvalid):
        generic.read({"source": "n", "alertName": "x", "status": "firing", "colour": 1}, 5)


def test_too_many_alerts_are_refused() -> None:
    payload = load("alertmanager_firing.json")
    assert isinstance(payload, dict)
    payload["alerts"] = payload["alerts"] * 3
    with pytest.raises(TooManyAlerts):
        alertmanager.read(payload, 2)


def test_alertmanager_needs_version_4() -> None:
    payload = load("alertmanager_firing.json")
    assert isinstance(payload, dict)
    with pytest.raises(PayloadInvalid) as bad:
        alertmanager.read({**payload, "version": "3"}, 10)
    assert bad.value.details["problems"][0]["field"] == "version"
