FROM debian:12-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 git=1:2.39.5-0+deb12u1 \
    && rm -rf /var/lib/apt/lists/*
USER 10001
