# syntax=docker/dockerfile:1
FROM golang:1.23
WORKDIR /src
RUN --network=none go build ./...
USER 10001
