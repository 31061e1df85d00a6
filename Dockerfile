# The graphkit app for docker-compose.yml: loads seed/ into the store named by $GRAPHKIT_STORE, then serves.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graphkit ./graphkit
COPY seed ./seed
RUN pip install --no-cache-dir .
EXPOSE 8501
CMD ["sh", "-c", "graphkit seed seed --if-empty && exec graphkit serve --headless --port 8501"]
