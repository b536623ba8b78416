"""snmpsim's command responder, one data file per listening address.

``python -m graphcmdb.demo.network.responder`` takes the arguments of
``snmpsim-command-responder``. snmpsim 1.2 picks a recording by community or context
name, plus transport endpoint, in handler methods that pysnmp 7.1 no longer calls (it
renamed ``handleMgmtOperation`` to ``handle_management_operation``), so every request
would reach the same recording. This entry point puts the selection back, simplified to
what the simulated network needs: the request's transport endpoint (``--transport-id-offset
1``: the n-th ``--agent-udpv4-endpoint`` is ``1.3.6.1.6.1.1.n``) names the data file
``1.3.6.1.6.1.1.n.snmprec``, for v2c and v3 alike. Authentication stays pysnmp's (the
community must exist as ``<community>.snmprec``; v3 users come from ``--v3-user``).
"""

from __future__ import annotations

import sys
from typing import Any

from pysnmp.entity.rfc3413 import cmdrsp
from snmpsim.commands import responder

_HANDLERS = ("GetCommandResponder", "SetCommandResponder", "NextCommandResponder")


def endpoint_context(snmp_engine: Any) -> bytes:
    """The context (data file) of the endpoint the request came in on."""
    ctx = snmp_engine.observer.get_execution_context("rfc3412.receiveMessage:request")
    return ".".join(str(part) for part in ctx["transportDomain"]).encode()


def _by_endpoint(base: type[Any]) -> type[Any]:
    def handle_management_operation(
        self: Any, snmp_engine: Any, state_reference: Any, context_name: Any, pdu: Any
    ) -> None:
        base.handle_management_operation(
            self, snmp_engine, state_reference, endpoint_context(snmp_engine), pdu
        )

    return type(
        base.__name__, (base,), {"handle_management_operation": handle_management_operation}
    )


def main() -> int:
    for name in (*_HANDLERS, "BulkCommandResponder"):
        setattr(responder, name, _by_endpoint(getattr(cmdrsp, name)))
    return int(responder.main() or 0)


if __name__ == "__main__":
    sys.exit(main())
