FROM alpine:3.20
RUN ["sh", "-c", "cat <<EOF"]
USER 1000
