FROM debian:12-slim
RUN apt-get purge -y --auto-remove curl && rm -rf /var/lib/apt/lists/*
USER 10001
