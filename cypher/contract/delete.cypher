// Covered assets and licences stay; only their links to the contract go.
MATCH (n:Contract {id: $id})
WITH n, n {.*} AS before,
     COLLECT { MATCH (a:Asset)-[:COVERED_BY]->(n) RETURN a.id AS assetId } AS assetIds,
     COLLECT { MATCH (l:License)-[:UNDER]->(n) RETURN l.id AS licenseId } AS licenseIds
DETACH DELETE n
RETURN before, assetIds, licenseIds
