"""The HTTP face: FastAPI app, health endpoints and the GraphQL schema."""
