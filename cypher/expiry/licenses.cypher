// Licenses whose contract's notice-to-end period meets the window, with the
// installations of their product family (version matching is applied in Python).
MATCH (l:License)-[:UNDER]->(c:Contract)
WHERE c.endDate >= $asOf AND c.endDate - duration({days: coalesce(c.noticeDays, 0)}) <= $until
MATCH (l)-[:FOR]->(p:SoftwareProduct)
RETURN l {.*, labels: labels(l), productId: p.id} AS license, p {.*} AS product,
       c {.*, labels: labels(c)} AS contract,
       [(ci:CI)-[:HAS_INSTALLED]->(q:SoftwareProduct) WHERE q.family = p.family
        | {ciId: ci.id, version: q.version}] AS installs
