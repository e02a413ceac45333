FROM alpine:3.20 AS first
COPY --from=second /a /a

FROM alpine:3.20 AS second
RUN touch /a
USER 10001
