MATCH (s:CredentialSet {id: $id})
WITH s, s {.id, .name, .version, .v3User, .authProtocol, .privProtocol, .targetRanges,
           .allowInsecure, .insecureReasons} AS before
SET s += $props, s.updatedAt = datetime()
RETURN before, s {.id, .name, .version, .v3User, .authProtocol, .privProtocol, .targetRanges,
                  .allowInsecure, .insecureReasons, .createdAt, .updatedAt} AS credentialSet
