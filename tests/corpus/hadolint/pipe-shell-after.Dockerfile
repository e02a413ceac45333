FROM debian:12-slim
RUN curl -fsSL https://example.com/install.sh | bash
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
USER 10001
