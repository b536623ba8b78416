// Per product family and metric: how many licences use it and their references (one
// family, one metric; licences without a reference count but are not listed).
UNWIND $families AS family
MATCH (l:License)-[:FOR]->(:SoftwareProduct {family: family})
RETURN family, l.metric AS metric, count(l) AS licences, collect(l.reference) AS references
