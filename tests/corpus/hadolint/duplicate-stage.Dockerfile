FROM golang:1.23 AS build
RUN go version

FROM golang:1.23 AS build
RUN go env

FROM alpine:3.20
USER 10001
