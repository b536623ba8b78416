"""How a CI is identified, declared for the CI spec: the rules per class, strongest first.

ServiceNow's IRE style: the first rule that finds one CI decides; ``identity/match.py``
gives each rule its comparison and normalisation. Hardware identifiers (serial, asset
tag, MAC) are not scoped by class: a device filed under the wrong class is still the
same box, and a row that names another device class corrects it (see the README's
"How identity works").
"""

from __future__ import annotations

from graphcmdb.graph.enums import CIClass
from graphcmdb.graph.node_spec import IdentityRule
from graphcmdb.identity.keys import DEVICE_CLASSES

DEVICES = tuple(sorted(c.value for c in DEVICE_CLASSES))
LOGICAL = tuple(sorted(c.value for c in CIClass if c not in DEVICE_CLASSES))

CI_IDENTITY = (
    IdentityRule("SERIAL", ("serialNumber", "manufacturer"), DEVICES, strong=True),
    IdentityRule("ASSET_TAG", ("assetTag",), DEVICES, strong=True),
    IdentityRule("MAC", ("macAddresses",), DEVICES, strong=True),
    IdentityRule("FQDN", ("fqdn",), DEVICES, strong=True),
    IdentityRule("HOSTNAME", ("hostname", "name"), DEVICES),
    IdentityRule("IP", ("ipAddresses", "environment"), DEVICES),
    IdentityRule("NAME", ("ciClass", "name"), LOGICAL, strong=True),
)
