FROM golang:1.23 AS Build
RUN mkdir -p /out && echo built > /out/app

FROM alpine:3.20
COPY --from=build /out/app /app
USER 10001
