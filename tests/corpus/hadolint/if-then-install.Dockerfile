FROM debian:12-slim
ARG WITH_DEBUG=false
RUN if [ "$WITH_DEBUG" = "true" ]; then apt-get update && apt-get install -y --no-install-recommends gdb && rm -rf /var/lib/apt/lists/*; fi
USER 10001
