FROM debian:12-slim
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
USER 10001
