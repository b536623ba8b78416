// A licence is FOR exactly one product and cannot outlive it: a forced delete takes the
// product's licences along (the audit entry keeps them). Installations are edges and go.
MATCH (p:SoftwareProduct {id: $id})
OPTIONAL MATCH (l:License)-[:FOR]->(p)
WITH p, p {.*} AS before, collect(l) AS licenses
FOREACH (l IN licenses | DETACH DELETE l)
DETACH DELETE p
RETURN before
