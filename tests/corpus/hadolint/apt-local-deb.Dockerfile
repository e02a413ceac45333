FROM debian:12-slim
COPY tool_1.2.3_amd64.deb /tmp/
RUN apt-get update && apt-get install -y --no-install-recommends /tmp/tool_1.2.3_amd64.deb \
    && rm -rf /var/lib/apt/lists/*
USER 10001
