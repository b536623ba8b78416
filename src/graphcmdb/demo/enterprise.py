"""A small but realistic enterprise: the landscape files (``data/landscape/*.toml``)
read by :func:`~graphcmdb.demo.landscape.build_landscape`.

``build_enterprise()`` returns plain data (:class:`~graphcmdb.demo.model.DemoDataset`);
nothing here touches the database. The same seed always gives the same dataset
(serial numbers, MAC and IP addresses, VM placement); another seed changes the
generated identifiers and the placement, never the set of CIs.

Files, in build order: ``1-datacentre`` (sites dc1 and dc2: network, storage, F5,
hypervisors), ``2-applications`` and ``3-corporate`` (shared platform, customer-facing
systems, corporate IT, tooling, staging/test/dev), ``4-services`` (business services and
DESIGN's worked example: ``h1`` down takes ``web-cluster`` and ``Web Shop Demo`` down).
"""

from __future__ import annotations

from graphcmdb.demo.landscape import build_landscape
from graphcmdb.demo.model import DemoDataset

DEFAULT_SEED = 20240601
#: DESIGN's worked impact example, in ``4-services.toml``
EXAMPLE_SERVICE = "Web Shop Demo"
EXAMPLE_CLUSTER = "web-cluster"


def build_enterprise(seed: int = DEFAULT_SEED) -> DemoDataset:
    return build_landscape(seed)
