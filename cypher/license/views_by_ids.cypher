// A license with its product (FOR, always one) and its contract (UNDER, at most one).
UNWIND $ids AS id
MATCH (l:License {id: id})-[:FOR]->(p:SoftwareProduct)
OPTIONAL MATCH (l)-[:UNDER]->(c:Contract)
RETURN l {.*, labels: labels(l), productId: p.id, family: p.family} AS license,
       p {.*, labels: labels(p)} AS product, c {.*, labels: labels(c)} AS contract
