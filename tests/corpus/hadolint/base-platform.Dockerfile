FROM --platform=$BUILDPLATFORM golang:1.23 AS build
RUN go version

FROM --platform=linux/amd64 alpine
USER 10001
