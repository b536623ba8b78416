// A contract's vendor, the assets it covers and the licenses bought under it.
UNWIND $ids AS id
MATCH (n:Contract {id: id})
OPTIONAL MATCH (n)-[:WITH]->(v:Vendor)
RETURN id, v {.*, labels: labels(v)} AS vendor,
       COLLECT { MATCH (a:Asset)-[:COVERED_BY]->(n)
                 RETURN a {.*, labels: labels(a)} AS asset ORDER BY a.assetTag } AS assets,
       COLLECT { MATCH (l:License)-[:UNDER]->(n)
                 RETURN l {.*, labels: labels(l)} AS license ORDER BY l.name } AS licenses
