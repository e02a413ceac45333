FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r0 bash=5.2.26-r0
USER 10001
