// Stored secrets by the key that sealed them (keyId null: still plain text). The sealed
// form is `<prefix>:<key id>:<base64>`; the prefix comes as a parameter.
MATCH (s:CredentialSet)
UNWIND [s.community, s.authKey, s.privKey] AS value
WITH value
WHERE value IS NOT NULL
WITH CASE WHEN value STARTS WITH $prefix THEN split(value, ':')[1] END AS keyId
RETURN keyId, count(*) AS secrets
ORDER BY keyId
