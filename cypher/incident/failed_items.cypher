// Per incident, each affected CI with its asset and the asset's support-type contracts
// (each with its vendor); which contract covered the opening day is decided in Python.
UNWIND $ids AS id
MATCH (i:Incident {id: id})-[:AFFECTS]->(c:CI)
OPTIONAL MATCH (a:Asset)-[:TRACKS]->(c)
CALL (a) {
  OPTIONAL MATCH (a)-[:COVERED_BY]->(k:Contract)
  WHERE k.kind IN $kinds
  OPTIONAL MATCH (k)-[:WITH]->(v:Vendor)
  RETURN collect(k {.*, labels: labels(k), vendor: v {.*, labels: labels(v)}}) AS contracts
}
RETURN id, i.openedAt AS openedAt, c {.*, labels: labels(c)} AS ci,
       a {.*, labels: labels(a)} AS asset, contracts
ORDER BY id, c.name, c.id
