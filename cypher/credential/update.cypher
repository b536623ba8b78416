MATCH (s:CredentialSet {id: $id})
WITH s, s {.id, .name, .version, .v3User, .authProtocol, .privProtocol} AS before
SET s += $props, s.updatedAt = datetime()
RETURN before, s {.id, .name, .version, .v3User, .authProtocol, .privProtocol, .createdAt,
                  .updatedAt} AS credentialSet
