// Write re-sealed secrets back (a null removes the property, as it was absent).
UNWIND $rows AS row
MATCH (s:CredentialSet {id: row.id})
SET s.community = row.community, s.authKey = row.authKey, s.privKey = row.privKey
RETURN count(s) AS written
