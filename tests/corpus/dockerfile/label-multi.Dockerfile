FROM alpine:3.20
LABEL org.opencontainers.image.title="app" \
      org.opencontainers.image.version=1.0
