"""Demo data: a deterministic small enterprise (:func:`build_enterprise`) and its loader
(:func:`load_demo`), which writes it through the service layer; its ITAM side (assets,
contracts, licenses, dated from the load date: :func:`build_itam`, :func:`load_itam`);
and :func:`load_full_demo`, both in turn (what ``graphcmdb demo load`` and ``run`` do)."""

from graphcmdb.demo.enterprise import DEFAULT_SEED, build_enterprise
from graphcmdb.demo.itam import build_itam
from graphcmdb.demo.itam_load import FullDemoSummary, ItamSummary, load_full_demo, load_itam
from graphcmdb.demo.itam_model import ItamDataset
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
    "FullDemoSummary",
    "ItamDataset",
    "ItamSummary",
    "NodeRef",
    "ServiceRef",
    "build_enterprise",
    "build_itam",
    "load_demo",
    "load_full_demo",
    "load_itam",
]
