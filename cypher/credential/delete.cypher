MATCH (s:CredentialSet {id: $id})
WITH s, s {.id, .name, .version, .v3User, .authProtocol, .privProtocol} AS before
DELETE s
RETURN before
