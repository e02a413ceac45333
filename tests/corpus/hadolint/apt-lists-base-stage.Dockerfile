FROM debian:12-slim AS base
RUN apt-get update && apt-get install -y --no-install-recommends tini=0.19.0-1

FROM base
USER 10001
ENTRYPOINT ["tini", "--"]
