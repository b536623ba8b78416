// Vendors named by an import (by exact name, which is unique), created when missing.
UNWIND $vendors AS vendor
MERGE (v:Vendor {name: vendor.name})
ON CREATE SET v:Entity, v.id = vendor.id, v.createdAt = $now, v.updatedAt = $now
RETURN v.id AS id, v.name AS name, v.createdAt = $now AS created
