// Metrics already used by licences of a product family (one metric per family).
MATCH (l:License)-[:FOR]->(:SoftwareProduct {family: $family})
WHERE l.id <> $licenseId
RETURN DISTINCT l.metric AS metric
