// For each untracked asset with a serial: the untracked CIs its serial's identity key
// identifies (an asset tracks one CI, a CI has one asset), with their manufacturer.
UNWIND $rows AS row
MATCH (a:Asset {id: row.assetId})
WHERE NOT EXISTS { (a)-[:TRACKS]->(:CI) }
MATCH (:IdentityKey {key: row.key})-[:IDENTIFIES]->(c:CI)
WHERE NOT EXISTS { (:Asset)-[:TRACKS]->(c) }
RETURN row.assetId AS assetId, collect(c {.id, .name, .manufacturer}) AS cis
