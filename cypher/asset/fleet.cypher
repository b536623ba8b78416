// What fleet valuation needs of every asset (depreciation is computed in Python).
MATCH (a:Asset)
OPTIONAL MATCH (a)-[:LOCATED_AT]->(l:Location)
RETURN a {.id, .category, .costCenter, .purchaseCost, .currency, .salvageValue,
          .usefulLifeMonths, .depreciationMethod, .inServiceDate, .purchaseDate,
          .writtenOffOn} AS asset,
       l.name AS location
