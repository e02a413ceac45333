FROM golang:1.23
RUN mkdir -p /out && echo built > /out/app

FROM alpine:3.20
COPY --from=0 /out/app /app
USER 10001
