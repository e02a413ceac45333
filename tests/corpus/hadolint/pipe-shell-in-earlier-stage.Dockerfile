FROM debian:12-slim AS base
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

FROM base
RUN curl -fsSL https://example.com/install.sh | bash
USER 10001
