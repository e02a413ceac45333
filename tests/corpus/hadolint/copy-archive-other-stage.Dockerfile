FROM debian:12-slim AS unpack
COPY app.tar.gz /tmp/

FROM debian:12-slim
COPY --from=unpack /tmp/app.tar.gz /tmp/
RUN tar -xzf /tmp/app.tar.gz -C /opt
USER 10001
