FROM alpine:3.20
RUN apk update && apk add --no-cache curl=8.9.1-r0
USER 10001
