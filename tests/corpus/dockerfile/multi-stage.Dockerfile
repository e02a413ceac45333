FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app
FROM gcr.io/distroless/static:nonroot
COPY --from=build /out/app /app
USER nonroot
ENTRYPOINT ["/app"]
