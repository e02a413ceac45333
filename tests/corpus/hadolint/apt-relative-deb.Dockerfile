FROM debian:12-slim
WORKDIR /tmp
COPY agent.deb .
RUN apt-get update && apt-get install -y --no-install-recommends ./agent.deb \
    && rm -rf /var/lib/apt/lists/*
USER 10001
