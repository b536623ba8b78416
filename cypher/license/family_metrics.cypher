// Metrics already used by licenses of a product family (one metric per family).
MATCH (l:License)-[:FOR]->(:SoftwareProduct {family: $family})
WHERE l.id <> $licenseId
RETURN DISTINCT l.metric AS metric
