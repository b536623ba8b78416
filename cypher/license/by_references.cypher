// Existing licenses by reference, with the product and metric that are their identity.
UNWIND $references AS reference
MATCH (l:License {reference: reference})-[:FOR]->(p:SoftwareProduct)
RETURN reference, l.metric AS metric, p.key AS productKey, p.name AS productName
