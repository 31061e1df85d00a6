# The graphkit app for docker-compose.yml: loads seed/ into the store named by $GRAPHKIT_STORE, then serves.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md requirements.lock ./
COPY graphkit ./graphkit
COPY seed ./seed
# Every dependency at the version requirements.lock names (scripts/install and CI do the same).
RUN pip install --no-cache-dir -c requirements.lock .
EXPOSE 8501
CMD ["sh", "-c", "graphkit seed seed --if-empty && exec graphkit serve --headless --port 8501"]
