"""Demo data: a deterministic small enterprise (:func:`build_enterprise`) and its loader
(:func:`load_demo`), which writes it through the service layer."""

from graphcmdb.demo.enterprise import DEFAULT_SEED, build_enterprise
from graphcmdb.demo.load import DemoSummary, load_demo
from graphcmdb.demo.model import (
    CIRef,
    DemoCI,
    DemoDataset,
    DemoRelation,
    DemoService,
    NodeRef,
    ServiceRef,
)

__all__ = [
    "DEFAULT_SEED",
    "CIRef",
    "DemoCI",
    "DemoDataset",
    "DemoRelation",
    "DemoService",
    "DemoSummary",
    "NodeRef",
    "ServiceRef",
    "build_enterprise",
    "load_demo",
]
