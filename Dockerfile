# syntax=docker/dockerfile:1.7
# The deploylint container image: a static binary on distroless, non-root.
#   docker run --rm -v "$PWD:/work" ghcr.io/deploylint/deploylint .
FROM rust:1.95-alpine3.22 AS build
RUN apk add --no-cache musl-dev=1.2.5-r10
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin deploylint

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /src/target/release/deploylint /usr/local/bin/deploylint
USER nonroot
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/deploylint"]
