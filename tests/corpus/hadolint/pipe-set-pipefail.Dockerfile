FROM debian:12-slim
RUN set -o pipefail && curl -fsSL https://example.com/install.sh | sh
USER 10001
