"""A small but realistic enterprise, built deterministically from a seed.

``build_enterprise()`` returns plain data (:class:`~graphcmdb.demo.model.DemoDataset`);
nothing here touches the database. The same seed always gives the same dataset
(names, serial numbers, MAC and IP addresses, VM placement); another seed changes
the generated identifiers and the placement, never the set of CIs.

Modules, in build order:

- :mod:`~graphcmdb.demo.datacentre`: sites dc1 and dc2, network, storage, F5, hypervisors
- :mod:`~graphcmdb.demo.applications`: shared platform and customer-facing systems
- :mod:`~graphcmdb.demo.corporate`: corporate IT, tooling, staging/test/dev
- :mod:`~graphcmdb.demo.services`: business services and DESIGN's worked example
"""

from __future__ import annotations

from graphcmdb.demo.applications import Landscape, build_customer_facing
from graphcmdb.demo.builder import DatasetBuilder
from graphcmdb.demo.corporate import build_corporate
from graphcmdb.demo.datacentre import Datacentre
from graphcmdb.demo.model import DemoDataset
from graphcmdb.demo.services import build_services, build_worked_example

DEFAULT_SEED = 20240601


def build_enterprise(seed: int = DEFAULT_SEED) -> DemoDataset:
    b = DatasetBuilder(seed)
    dc = Datacentre(b)
    dc.build()
    landscape = Landscape(b, dc)
    build_customer_facing(landscape)
    build_corporate(landscape)
    build_services(b)
    build_worked_example(b, dc)
    return b.build()
