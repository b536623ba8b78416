// Every product of a family that has at least one license, with its licenses and
// installations (CI, cores, people holding the CI's asset): positions are computed
// from this one read in Python (itam/compliance.py).
MATCH (:License)-[:FOR]->(lp:SoftwareProduct)
WITH DISTINCT lp.family AS family
MATCH (p:SoftwareProduct {family: family})
RETURN p {.*, labels: labels(p)} AS product,
       [(l:License)-[:FOR]->(p) | l {.id, .metric, .quantity, .unitCost, .currency,
                                     .downgradable, productId: p.id}] AS licenses,
       [(ci:CI)-[:HAS_INSTALLED]->(p) | {ciId: ci.id, ciName: ci.name, cores: ci.cores,
         personIds: [(pe:Person)<-[:ASSIGNED_TO]-(:Asset)-[:TRACKS]->(ci) | pe.id]}] AS installs
ORDER BY p.key
