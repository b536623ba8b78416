MATCH (:Asset {id: $assetId})-[r:COVERED_BY]->(:Contract {id: $contractId})
DELETE r
RETURN $assetId AS assetId
