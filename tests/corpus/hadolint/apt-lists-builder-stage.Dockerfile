FROM debian:12-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libc6-dev=2.36-9+deb12u9
COPY main.c /src/main.c
RUN gcc -o /out/app /src/main.c

FROM gcr.io/distroless/base-debian12:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
