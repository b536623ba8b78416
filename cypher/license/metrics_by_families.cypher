// Per product family and metric: how many licenses use it and their references (one
// family, one metric; licenses without a reference count but are not listed).
UNWIND $families AS family
MATCH (l:License)-[:FOR]->(:SoftwareProduct {family: family})
RETURN family, l.metric AS metric, count(l) AS licenses, collect(l.reference) AS references
