// A new license is FOR its product (which the caller has checked exists).
MATCH (l:License {id: $licenseId}), (p:SoftwareProduct {id: $productId})
CREATE (l)-[:FOR {createdAt: datetime()}]->(p)
