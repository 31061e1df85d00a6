# The graphkit app for docker-compose.yml: serves the store named by $GRAPHKIT_STORE on every interface of its
# container, asking for sign-in with the users file $GRAPHKIT_USERS (or open, with GRAPHKIT_OPEN=1).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md requirements.lock ./
COPY graphkit ./graphkit
COPY seed ./seed
# Every dependency at the version requirements.lock names (scripts/install and CI do the same).
RUN pip install --no-cache-dir -c requirements.lock .
# An unprivileged user runs the app; /config (a volume in docker-compose.yml) holds its users file.
RUN useradd --create-home --uid 10001 graphkit && mkdir /config && chown graphkit /config
USER graphkit
EXPOSE 8501
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
CMD ["graphkit", "serve", "--headless", "--address", "0.0.0.0", "--port", "8501"]
