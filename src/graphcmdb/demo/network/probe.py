"""Is an agent answering yet? One SNMPv2c GET of sysName over a plain UDP socket."""

from __future__ import annotations

import socket
import time

from pyasn1.codec.ber import encoder
from pysnmp.proto import api

from graphcmdb.discovery.oids import SYS_NAME

_V2C = api.PROTOCOL_MODULES[api.SNMP_VERSION_2C]


def _get_request(community: str) -> bytes:
    pdu = _V2C.GetRequestPDU()
    _V2C.apiPDU.set_defaults(pdu)
    _V2C.apiPDU.set_varbinds(pdu, [((*SYS_NAME, 0), _V2C.Null(""))])
    message = _V2C.Message()
    _V2C.apiMessage.set_defaults(message)
    _V2C.apiMessage.set_community(message, community)
    _V2C.apiMessage.set_pdu(message, pdu)
    return bytes(encoder.encode(message))


def answers(host: str, port: int, community: str, timeout: float = 0.3) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        try:
            s.sendto(_get_request(community), (host, port))
            s.recvfrom(65535)
        except OSError:
            return False
    return True


def wait_until_answers(host: str, port: int, community: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if answers(host, port, community):
            return True
        time.sleep(0.1)
    return False
