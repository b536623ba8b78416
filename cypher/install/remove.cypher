MATCH (:CI {id: $ciId})-[i:HAS_INSTALLED]->(:SoftwareProduct {id: $productId})
WITH i, i {.*} AS before
DELETE i
RETURN before
