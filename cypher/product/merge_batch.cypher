// Products named by an import, resolved by normalised key and created when missing.
UNWIND $products AS product
MERGE (p:SoftwareProduct {key: product.props.key})
ON CREATE SET p:Entity, p.id = product.id, p += product.props, p.createdAt = $now,
              p.updatedAt = $now
RETURN p.id AS id, p.name AS name, p.createdAt = $now AS created
