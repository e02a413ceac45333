ARG BUILDER=golang:1.23
FROM ${BUILDER} AS build
RUN mkdir -p /out

FROM alpine:3.20
ARG FROM_STAGE=build
COPY --from=${FROM_STAGE} /out /out
USER 10001
