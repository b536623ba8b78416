MATCH (u:User {name: $name})
RETURN u {.id, .name, .role, .permissions, .scopes, .createdAt, .updatedAt, .disabledAt,
          .lastSignInAt} AS user
