"""The packaged software rules on the names package managers report over SNMP."""

from __future__ import annotations

import pytest

from graphcmdb.discovery.software import SoftwareRules

RULES = SoftwareRules.load()


@pytest.mark.parametrize(
    ("raw", "product", "version"),
    [
        ("bash_5.2.15-2+b2_amd64", "bash", "5.2.15-2+b2"),
        ("tzdata_2024a-0+deb12u1_all", "tzdata", "2024a-0+deb12u1"),
        # net-snmp cuts hrSWInstalledName at 63 characters: the architecture is lost
        (
            "prometheus-node-exporter-collectors_0.0~git20230203.6f710f8-1+d",
            "prometheus-node-exporter-collectors",
            "0.0~git20230203.6f710f8-1+d",
        ),
    ],
)
def test_dpkg_names_are_debian_packages(raw: str, product: str, version: str) -> None:
    found = RULES.normalise(raw)
    assert (found.publisher, found.product, found.version) == ("Debian", product, version)


def test_a_short_name_with_an_underscore_is_no_dpkg_name() -> None:
    """Only a name cut at 63 or 64 characters may lack its architecture."""
    assert RULES.normalise("foo_1.0").publisher == "Unknown"
