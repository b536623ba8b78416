"""Access to Neo4j: the Cypher catalogue, the driver wrapper and schema migrations."""
