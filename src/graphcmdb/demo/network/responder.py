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

Two settings change only how fast it answers, never what: snmpsim keeps at most 32 data
files open and re-opens the others per request, and with Python's fallback ``dbm.dumb``
(no gdbm here) each re-open parses the whole index and each look-up opens a file; so every
file this process serves stays open, its index read into memory once.
"""

from __future__ import annotations

import sys
from typing import Any

from pysnmp.entity.rfc3413 import cmdrsp
from snmpsim import datafile
from snmpsim.commands import responder
from snmpsim.record.search import database

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


class MemoryIndex(dict[str, bytes]):
    """A data file's index (OID -> "offset,subtree,previous") as snmpsim reads it."""

    def close(self) -> None:
        self.clear()


def _open_in_memory(self: Any) -> None:
    """``RecordIndex.open`` with the index read once (values as bytes, as dbm gives)."""
    self._text = self._text_parser.open(self._text_file)
    index = database.dbm.open(self._db_file)
    try:
        self._db = MemoryIndex((key.decode(), index[key]) for key in index)
    finally:
        index.close()


def main() -> int:
    for name in (*_HANDLERS, "BulkCommandResponder"):
        setattr(responder, name, _by_endpoint(getattr(cmdrsp, name)))
    endpoints = sys.argv.count("--agent-udpv4-endpoint")
    datafile.DataFile.max_queue_entries = max(datafile.DataFile.max_queue_entries, endpoints + 1)
    database.RecordIndex.open = _open_in_memory
    return int(responder.main() or 0)


if __name__ == "__main__":
    sys.exit(main())
