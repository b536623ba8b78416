"""Each identifier's normalisation: the spellings sources use compare equal, and values
that identify nothing normalise to None."""

from __future__ import annotations

import pytest

from graphcmdb.identity import normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("CN0X1234AB", "CN0X1234AB"),
        (" cn-0x1234 ab ", "CN0X1234AB"),
        ("cn_0x.1234/ab", "CN0X1234AB"),
        ("N/A", None),
        ("To be filled by O.E.M.", None),
        ("System Serial Number", None),
        ("0000000", None),
        ("XXXXXXXX", None),
        ("", None),
        (None, None),
    ],
)
def test_serials_ignore_case_blanks_and_separators_and_placeholders(
    raw: str | None, expected: str | None
) -> None:
    assert normalise.serial(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("00-1A-2B-3C-4D-5E", "00:1a:2b:3c:4d:5e"),
        ("001a2b3c4d5e", "00:1a:2b:3c:4d:5e"),
        ("00:1A:2B:3C:4D:5E", "00:1a:2b:3c:4d:5e"),
        ("00:00:00:00:00:00", None),  # unset
        ("01:00:5e:00:00:01", None),  # multicast
        ("ff:ff:ff:ff:ff:ff", None),  # broadcast
        ("00:00:5e:00:01:07", None),  # VRRP / CARP
        ("00:00:0c:07:ac:01", None),  # HSRP v1
        ("00:00:0c:9f:f0:01", None),  # HSRP v2
        ("not a mac", None),
    ],
)
def test_macs_are_normalised_and_shared_ones_dropped(raw: str, expected: str | None) -> None:
    assert normalise.mac(raw) == expected


def test_a_locally_administered_mac_is_a_fact_but_no_identity() -> None:
    kvm = normalise.mac("52:54:00:12:34:56")
    assert kvm == "52:54:00:12:34:56"
    assert not normalise.identifying_mac(kvm)
    assert normalise.identifying_mac("00:1a:2b:3c:4d:5e")


@pytest.mark.parametrize(
    ("raw", "fqdn", "names"),
    [
        ("Web01.Corp.Example.", "web01.corp.example", ("web01.corp.example", "web01")),
        ("  WEB01 ", None, ("web01",)),
        ("localhost", None, ()),
        ("localhost.localdomain", None, ()),
        ("10.0.0.1", None, ()),  # an address is no name
        ("", None, ()),
    ],
)
def test_host_names_give_the_fqdn_and_the_short_name(
    raw: str, fqdn: str | None, names: tuple[str, ...]
) -> None:
    assert normalise.host_names(raw) == (fqdn, names)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10.0.0.1", "10.0.0.1"),
        (" 10.0.0.1 ", "10.0.0.1"),
        ("fe80::1%eth0", None),  # link-local
        ("127.0.0.1", None),  # every host has it
        ("0.0.0.0", None),
        ("2001:DB8::1", "2001:db8::1"),
        ("nonsense", None),
    ],
)
def test_addresses_every_host_has_identify_nothing(raw: str, expected: str | None) -> None:
    assert normalise.ip(raw) == expected


IPV4_EDGES = [
    "0.0.0.0", "0.1.2.3", "1.2.3.4", "9.255.0.1", "10.0.0.1", " 10.0.0.1 ", "126.255.255.255",
    "127.0.0.1", "127.255.0.9", "128.0.0.1", "169.254.0.1", "169.253.0.1", "169.255.0.1",
    "172.16.0.1", "192.168.1.1", "223.255.255.255", "224.0.0.1", "239.255.255.255",
    "240.0.0.1", "255.255.255.255", "256.0.0.1", "010.0.0.1", "1.2.3", "1.2.3.4.5",
    "01.2.3.4", "1.2.3.04", "1.2.3.4/24", "", " ",
]  # fmt: skip


@pytest.mark.parametrize("raw", IPV4_EDGES)
def test_the_fast_reading_of_ipv4_agrees_with_the_ipaddress_module(raw: str) -> None:
    """Canonical dotted quads skip ``ipaddress``: the answers must be the same."""
    addr = normalise._ip(raw.strip())
    shared = addr is None or addr.is_loopback or addr.is_link_local or addr.is_multicast
    expected_ip = None if shared or addr is None or addr.is_unspecified else str(addr)
    answering = None if addr is None or addr.is_unspecified or addr.is_multicast else str(addr)
    assert normalise.ip(raw) == expected_ip
    assert normalise.answering_ip(raw) == answering


def test_makers_compare_by_their_first_word_and_unknown_agrees() -> None:
    assert normalise.same_maker("Dell Inc.", "DELL")
    assert normalise.same_maker(None, "HPE")
    assert not normalise.same_maker("Lenovo", "Dell Inc.")


def test_asset_tags_ignore_case_and_blanks() -> None:
    assert normalise.asset_tag(" a-1001 ") == "A-1001"
    assert normalise.asset_tag("  ") is None
