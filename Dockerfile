# The API image for docker-compose.yml (Neo4j runs in its own official container).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md schema.graphql ./
COPY src ./src
COPY cypher ./cypher
RUN pip install --no-cache-dir .
ENV GRAPHCMDB_HOST=0.0.0.0
EXPOSE 8000
CMD ["graphcmdb", "serve"]
