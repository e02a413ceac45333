FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends tini=0.19.0-1
RUN rm -rf /var/lib/apt/lists/*
USER 10001
