FROM alpine:3.20
VOLUME ["/data", "/logs"]
VOLUME /cache
