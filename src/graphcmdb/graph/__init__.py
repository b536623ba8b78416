"""The graph model: enums for labels and relationship types, and one spec per node type."""
