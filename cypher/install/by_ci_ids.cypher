UNWIND $ids AS id
MATCH (:CI {id: id})-[i:HAS_INSTALLED]->(p:SoftwareProduct)
RETURN id, i {.*, ciId: id, productId: p.id} AS installation
ORDER BY id, p.key
