"""graphcmdb: assets, configuration items and business services in one Neo4j graph."""

__version__ = "0.1.0"
