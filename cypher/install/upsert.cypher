MATCH (c:CI {id: $ciId}), (p:SoftwareProduct {id: $productId})
OPTIONAL MATCH (c)-[old:HAS_INSTALLED]->(p)
WITH c, p, old {.*} AS before
MERGE (c)-[i:HAS_INSTALLED]->(p)
ON CREATE SET i.createdAt = datetime()
SET i.version = $version, i.installedAt = $installedAt
RETURN before, i {.*} AS installation
