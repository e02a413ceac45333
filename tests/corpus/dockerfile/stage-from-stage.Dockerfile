FROM alpine:3.20 AS base
RUN true
FROM base AS test
RUN true
FROM base
USER 1000
